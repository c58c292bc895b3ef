package nl.klachtenbalie.keys.desk.stats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An independent, brute-force check of released tables (hash sets, no sorting tricks, no shared
 * code with {@link Ledger}): lists every way a reader holding all the given releases can get a
 * count of 1 … threshold−1 by reading one cell, or by subtracting released cells. Empty is good.
 */
final class Disclosure {

    private record C(String where, int value, Set<Long> ids) {
    }

    private Disclosure() {
    }

    static List<String> problems(List<List<Table>> releases, int t) {
        List<String> out = new ArrayList<>();
        List<C> all = new ArrayList<>();
        List<List<C>> families = new ArrayList<>();
        int rel = 0;
        for (List<Table> tables : releases) {
            rel++;
            for (Table tb : tables) {
                String name = "release " + rel + " table " + tb.id();
                List<List<C>> fam = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                for (int i = 0; i <= tb.r(); i++) {
                    for (int j = 0; j <= tb.c(); j++) {
                        int v = tb.released(i, j);
                        if (v < 0) {
                            continue;
                        }
                        if (v >= 1 && v < t) {
                            out.add(name + " shows " + v + " at " + i + "," + j);
                        }
                        Set<Long> ids = new HashSet<>();
                        for (long id : tb.ids(i, j)) {
                            ids.add(id);
                        }
                        if (ids.size() != v) {
                            out.add(name + " ids do not match the count at " + i + "," + j);
                        }
                        C c = new C(name + " [" + i + "," + j + "]", v, ids);
                        all.add(c);
                        fam.get((i == tb.r() ? 2 : 0) + (j == tb.c() ? 1 : 0)).add(c);
                    }
                }
                families.addAll(fam);
                lines(tb, t, name, out);
            }
        }
        for (C a : all) {
            for (C b : all) {
                int d = a.value() - b.value();
                if (d >= 1 && d < t && a.ids().containsAll(b.ids())) {
                    out.add(a.where() + " minus " + b.where() + " = " + d);
                }
            }
            for (List<C> f : families) {
                int sum = 0;
                boolean any = false;
                boolean same = false;
                for (C b : f) {
                    if (b != a && a.ids().containsAll(b.ids())) {
                        same |= b.ids().size() == a.ids().size();
                        sum += b.value();
                        any = true;
                    }
                }
                int left = a.value() - sum;
                if (any && !same && left >= 1 && left < t) {
                    out.add(a.where() + " minus a family inside it = " + left);
                }
            }
        }
        return out;
    }

    /** Within one table: a released total minus its released cells, or a suppressed total whose cells are all shown. */
    private static void lines(Table tb, int t, String name, List<String> out) {
        for (int pass = 0; pass < 2; pass++) {
            int outer = pass == 0 ? tb.r() : tb.c();
            int inner = pass == 0 ? tb.c() : tb.r();
            for (int a = 0; a <= outer; a++) {
                int shown = 0;
                int hidden = 0;
                for (int b = 0; b < inner; b++) {
                    int v = pass == 0 ? tb.released(a, b) : tb.released(b, a);
                    if (v < 0) {
                        hidden++;
                    } else {
                        shown += v;
                    }
                }
                int margin = pass == 0 ? tb.released(a, inner) : tb.released(inner, a);
                int left = margin >= 0 ? margin - shown : (hidden == 0 ? shown : -1);
                if (left >= 1 && left < t) {
                    out.add(name + " line " + a + " (" + (pass == 0 ? "row" : "column") + ") reveals " + left);
                }
            }
        }
    }
}
