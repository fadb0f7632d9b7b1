package io.gridlet.benchmarks.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Drives a running node's REST API from a process of its own: a function invocation against a
 * trivial endpoint of the same server ({@code GET /health/liveness}), closed loop, keep-alive,
 * the two interleaved in rounds so that both see the same machine. Prints p50, p99 and
 * throughput of each, and their ratio.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.gridlet.benchmarks.rest.RestLoad URL TOKEN PATH [THREADS] [SECONDS]},
 * PATH being the invoke path, for example {@code /api/v1/functions/orders.total/invoke?map=orders&key=order-2}.
 */
public final class RestLoad {

    private RestLoad() {
    }

    record Result(String name, double p50Micros, double p99Micros, double opsPerSecond, long errors) {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String token = args[1];
        String invokePath = args[2];
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest invoke = HttpRequest.newBuilder(URI.create(url + invokePath)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpRequest trivial = HttpRequest.newBuilder(URI.create(url + "/health/liveness")).GET().build();

        run(client, invoke, threads, 2, "warm-up");
        run(client, trivial, threads, 2, "warm-up");
        List<Result> invokes = new ArrayList<>();
        List<Result> trivials = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            invokes.add(run(client, invoke, threads, seconds / 3.0, "invoke"));
            trivials.add(run(client, trivial, threads, seconds / 3.0, "liveness"));
        }
        Result a = median(invokes);
        Result b = median(trivials);
        System.out.printf("%-10s p50 %8.0f us  p99 %8.0f us  %8.0f ops/s  errors %d%n", a.name(), a.p50Micros(),
                a.p99Micros(), a.opsPerSecond(), a.errors());
        System.out.printf("%-10s p50 %8.0f us  p99 %8.0f us  %8.0f ops/s  errors %d%n", b.name(), b.p50Micros(),
                b.p99Micros(), b.opsPerSecond(), b.errors());
        System.out.printf("invoke/liveness: p50 %.2fx, p99 %.2fx, throughput %.2fx%n", a.p50Micros() / b.p50Micros(),
                a.p99Micros() / b.p99Micros(), a.opsPerSecond() / b.opsPerSecond());
    }

    private static Result median(List<Result> results) {
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort((x, y) -> Double.compare(x.p50Micros(), y.p50Micros()));
        return sorted.get(sorted.size() / 2);
    }

    static Result run(HttpClient client, HttpRequest request, int threads, double seconds, String name)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() >= 400) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    recorder.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
                    done.incrementAndGet();
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        var histogram = recorder.getIntervalHistogram();
        return new Result(name, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                done.get() / seconds, errors.get());
    }

}
