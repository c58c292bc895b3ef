package nl.klachtenbalie.keys.desk.service;

/**
 * The state of one import, read by the progress page while the import runs on its own thread.
 * Phases: reading the file (bytes), storing, then opening and checking each new event.
 */
public final class ImportProgress {

    /** Import phases, in order. */
    public enum Phase { READING, STORING, CHECKING, DONE, FAILED }

    private volatile Phase phase = Phase.READING;
    private volatile long done;
    private volatile long total;
    private volatile ImportResult result;
    private volatile String errorKey;
    private volatile Object[] errorArgs = new Object[0];

    public void update(Phase phase, long done, long total) {
        this.phase = phase;
        this.done = done;
        this.total = total;
    }

    void finish(ImportResult r) {
        this.result = r;
        this.phase = Phase.DONE;
    }

    public void fail(String key, Object... args) {
        this.errorKey = key;
        this.errorArgs = args.clone();
        this.phase = Phase.FAILED;
    }

    public Phase phase() {
        return phase;
    }

    public long done() {
        return done;
    }

    public long total() {
        return total;
    }

    /** 0–100 over all phases together: reading counts for half, checking for the other half. */
    public int percent() {
        Phase p = phase;
        long t = Math.max(1, total);
        return switch (p) {
            case READING -> (int) Math.min(50, 50 * done / t);
            case STORING -> 50;
            case CHECKING -> (int) Math.min(99, 50 + 50 * done / t);
            case DONE, FAILED -> 100;
        };
    }

    public ImportResult result() {
        return result;
    }

    public String errorKey() {
        return errorKey;
    }

    public Object[] errorArgs() {
        return errorArgs.clone();
    }
}
