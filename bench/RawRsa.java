import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor of the server's work per token, per CPU-second of one thread: RS256 (SHA256withRSA, 2048-bit, the JCA
 * signature Nimbus's RSASSASigner and RSASSAVerifier run) over a signing input of an access token's size. CPU time
 * (ThreadMXBean), not wall time, so that a loaded machine slows it no more than it slows the server measured beside
 * it. Run with {@code java bench/RawRsa.java [seconds] [threads]}; prints signatures and verifications per CPU-second
 * and µs, and with {@code threads}, the process's CPU per signature when that many threads sign at once.
 */
public final class RawRsa {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int signers = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        // An RFC 9068 header and payload of the size the server signs (about 500 characters of signing input).
        byte[] input = (Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"kid\":\"B9nSpOiATDYIBlseFwNGvZUCmcPn5vr50-y_biEoMRE\",\"typ\":\"at+jwt\",\"alg\":\"RS256\"}"
                        .getBytes(StandardCharsets.UTF_8)) + "." + "x".repeat(420)).getBytes(StandardCharsets.US_ASCII);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // The whole process's CPU as well: the server's figures are its process's, garbage collection included.
        OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        byte[] signature = null;
        for (int phase = 0; phase < 2; phase++) { // the first phase warms the JIT up and is not reported
            long cpu = threads.getCurrentThreadCpuTime();
            long processCpu = process.getProcessCpuTime();
            long end = System.nanoTime() + seconds * 1_000_000_000L / (phase == 0 ? 2 : 1);
            int signed = 0;
            while (System.nanoTime() < end) {
                Signature signer = Signature.getInstance("SHA256withRSA");
                signer.initSign(keys.getPrivate());
                signer.update(input);
                signature = signer.sign();
                signed++;
            }
            long signCpu = threads.getCurrentThreadCpuTime() - cpu;
            long signProcessCpu = process.getProcessCpuTime() - processCpu;
            cpu = threads.getCurrentThreadCpuTime();
            processCpu = process.getProcessCpuTime();
            int verified = 0;
            long verifyEnd = System.nanoTime() + seconds * 1_000_000_000L / (phase == 0 ? 4 : 2);
            while (System.nanoTime() < verifyEnd) {
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(keys.getPublic());
                verifier.update(input);
                if (!verifier.verify(signature)) {
                    throw new IllegalStateException("verification failed");
                }
                verified++;
            }
            long verifyCpu = threads.getCurrentThreadCpuTime() - cpu;
            long verifyProcessCpu = process.getProcessCpuTime() - processCpu;
            if (phase == 1) {
                System.out.printf("sign: %.0f per CPU-second (%.1f µs); verify: %.0f per CPU-second (%.1f µs)%n",
                        signed * 1e9 / signCpu, signCpu / 1e3 / signed, verified * 1e9 / verifyCpu,
                        verifyCpu / 1e3 / verified);
                System.out.printf("process CPU (with the collector's threads): sign %.1f µs, verify %.1f µs%n",
                        signProcessCpu / 1e3 / signed, verifyProcessCpu / 1e3 / verified);
            }
        }
        if (signers > 0) {
            concurrentSigning(keys, input, signers, seconds, process);
        }
    }

    /**
     * As the server signs: {@code threads} threads at once on the machine's cores (its executor runs more threads than
     * cores under load), each with its own Signature, the process's CPU per signature.
     */
    private static void concurrentSigning(KeyPair keys, byte[] input, int threads, int seconds,
                                          OperatingSystemMXBean process) throws Exception {
        AtomicLong signed = new AtomicLong();
        for (int phase = 0; phase < 2; phase++) {
            long end = System.nanoTime() + seconds * 1_000_000_000L / (phase == 0 ? 2 : 1);
            signed.set(0);
            long processCpu = process.getProcessCpuTime();
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = new Thread(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            Signature signer = Signature.getInstance("SHA256withRSA");
                            signer.initSign(keys.getPrivate());
                            signer.update(input);
                            signer.sign();
                            signed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                workers[t].start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            if (phase == 1) {
                System.out.printf("%d threads at once: sign %.1f µs of process CPU each (%d signatures)%n", threads,
                        (process.getProcessCpuTime() - processCpu) / 1e3 / signed.get(), signed.get());
            }
        }
    }
}
