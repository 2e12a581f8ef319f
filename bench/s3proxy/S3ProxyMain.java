import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The benchmark's S3-compatible server: S3Proxy on a free loopback port, keeping objects in a directory, as the
 * tests' {@code S3ProxyServer} starts it, in a process of its own so that its RSS and CPU are measured apart.
 * Run: {@code java -cp <s3proxy classpath> S3ProxyMain <dir> <access key> <secret key>}; prints its port.
 */
public class S3ProxyMain {
    private static final Logger QUIET = Logger.getLogger("org");

    public static void main(String[] args) throws Exception {
        QUIET.setLevel(Level.WARNING);
        Path directory = Files.createDirectories(Path.of(args[0]));
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, args[1], args[2])
                .stopTimeout(0)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        System.out.println(proxy.getPort());
    }
}
