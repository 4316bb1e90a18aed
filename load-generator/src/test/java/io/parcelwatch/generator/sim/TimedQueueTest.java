package io.parcelwatch.generator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The calendar queue takes entries in (time, order added) order, like a reference priority queue. */
class TimedQueueTest {
    record Entry(long time, long seq) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            return time != o.time ? Long.compare(time, o.time) : Long.compare(seq, o.seq);
        }
    }

    @Test
    void takesEntriesInTimeOrderWithTiesInOrderAdded() {
        SplittableRandom random = new SplittableRandom(3);
        TimedQueue<Entry> queue = new TimedQueue<>();
        PriorityQueue<Entry> reference = new PriorityQueue<>();
        long now = 1_795_000_000_000L;
        long seq = 0;
        List<Entry> taken = new ArrayList<>();
        List<Entry> expected = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            int adds = random.nextInt(3);
            for (int a = 0; a < adds; a++) {
                long delay = switch (random.nextInt(6)) {
                    case 0 -> 0; // same time
                    case 1 -> random.nextLong(60_000); // this minute
                    case 2 -> random.nextLong(3_600_000L); // this hour
                    case 3 -> random.nextLong(3 * 86_400_000L); // days
                    case 4 -> 12 * 86_400_000L + random.nextLong(30 * 86_400_000L); // beyond the ring
                    default -> random.nextLong(1000) * 1000;
                };
                Entry e = new Entry(now + delay, seq++);
                queue.add(e.time(), e);
                reference.add(e);
            }
            if (!reference.isEmpty() && random.nextInt(2) == 0) {
                assertThat(queue.peekTime()).isEqualTo(reference.peek().time());
                Entry e = queue.poll();
                taken.add(e);
                expected.add(reference.poll());
                now = e.time();
            }
            assertThat(queue.size()).isEqualTo(reference.size());
        }
        while (!reference.isEmpty()) {
            taken.add(queue.poll());
            expected.add(reference.poll());
        }
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.peekTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(taken).isEqualTo(expected);
    }
}
