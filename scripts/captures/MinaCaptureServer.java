import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * Serves one directory over plain FTP with Apache MINA FtpServer on 127.0.0.1, so that
 * scripts/captures/capture-listings.sh can record the listings MINA sends.
 *
 * <p>Run as a single-file source program, with the FtpServer jars on the class path:
 * {@code java -cp <jars> MinaCaptureServer.java <home-directory> <port>}. The user is
 * {@code ftpflux} / {@code ftpflux-secret}; passive data ports are 33000-33999. It prints
 * {@code ready} once listening and serves until it is killed.
 */
public final class MinaCaptureServer {

    private static final String USER = "ftpflux";
    private static final String PASSWORD = "ftpflux-secret";
    private static final String PASSIVE_PORTS = "33000-33999";

    private MinaCaptureServer() {
    }

    /**
     * Starts the server on the given directory and port and blocks until the JVM is stopped.
     *
     * @param args the home directory to serve and the port to listen on
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -cp <ftpserver jars> MinaCaptureServer.java <home-directory> <port>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath().normalize();
        if (!Files.isDirectory(home)) {
            System.err.println("not a directory: " + home);
            System.exit(2);
        }
        int port = Integer.parseInt(args[1]);

        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassivePorts(PASSIVE_PORTS);
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(port);
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());

        // The user store is a throw-away file: the factory insists on one to save users into.
        Path users = Files.createTempFile("mina-capture-users", ".properties");
        users.toFile().deleteOnExit();
        PropertiesUserManagerFactory userManagerFactory = new PropertiesUserManagerFactory();
        userManagerFactory.setFile(users.toFile());
        userManagerFactory.setPasswordEncryptor(new ClearTextPasswordEncryptor());

        FtpServerFactory serverFactory = new FtpServerFactory();
        serverFactory.addListener("default", listener.createListener());
        serverFactory.setUserManager(userManagerFactory.createUserManager());
        BaseUser user = new BaseUser();
        user.setName(USER);
        user.setPassword(PASSWORD);
        user.setHomeDirectory(home.toString());
        user.setAuthorities(List.of(new WritePermission()));
        serverFactory.getUserManager().save(user);

        FtpServer server = serverFactory.createServer();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
