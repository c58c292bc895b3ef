package nl.klachtenbalie.server.db;

/**
 * Waits that an interrupt must not cut short: a caller told "interrupted" could not know whether its
 * write committed, and the writer must finish what it holds before the database closes. The interrupt
 * is kept and set again once the wait is over.
 */
final class Uninterruptibly {

    /** A blocking wait that may be interrupted, such as {@code latch::await} or {@code thread::join}. */
    interface Wait {
        void await() throws InterruptedException;
    }

    private Uninterruptibly() {
    }

    static void await(Wait wait) {
        boolean interrupted = false;
        while (true) {
            try {
                wait.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
