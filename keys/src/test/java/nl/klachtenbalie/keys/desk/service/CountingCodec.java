package nl.klachtenbalie.keys.desk.service;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.keys.desk.events.CryptoEventCodec;
import nl.klachtenbalie.keys.desk.events.EventCodec;
import nl.klachtenbalie.keys.desk.events.EventRejected;
import nl.klachtenbalie.keys.desk.events.InternalPayload;
import nl.klachtenbalie.keys.desk.events.ReplyPayload;
import nl.klachtenbalie.keys.desk.events.ReporterPayload;
import nl.klachtenbalie.keys.desk.events.Signed;

/** Counts every decryption the desk asks of the codec: the work a snapshot saves. */
final class CountingCodec implements EventCodec {
    final EventCodec inner = new CryptoEventCodec(BundleFixtures.DEPLOYMENT, new SecureRandom());
    final AtomicInteger opened = new AtomicInteger();

    @Override
    public ReporterPayload openReporter(byte[] blob, List<? extends Identity> ids) throws EventRejected {
        opened.incrementAndGet();
        return inner.openReporter(blob, ids);
    }

    @Override
    public byte[] openAttachment(byte[] blob, List<? extends Identity> ids, nl.klachtenbalie.keys.desk.events.AttachmentRef ref)
            throws EventRejected {
        opened.incrementAndGet();
        return inner.openAttachment(blob, ids, ref);
    }

    @Override
    public Signed<ReplyPayload> openReply(byte[] blob, List<? extends Identity> ids) throws EventRejected {
        opened.incrementAndGet();
        return inner.openReply(blob, ids);
    }

    @Override
    public Signed<InternalPayload> openInternal(byte[] blob, List<? extends Identity> ids) throws EventRejected {
        opened.incrementAndGet();
        return inner.openInternal(blob, ids);
    }

    @Override
    public byte[] sealReply(ReplyPayload r, Ed25519PrivateKey k, String mk, String rr, List<? extends Recipient> team) {
        return inner.sealReply(r, k, mk, rr, team);
    }

    @Override
    public byte[] sealInternal(InternalPayload e, Ed25519PrivateKey k, List<? extends Recipient> team) {
        return inner.sealInternal(e, k, team);
    }
}
