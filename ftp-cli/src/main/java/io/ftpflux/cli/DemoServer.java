package io.ftpflux.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.apache.mina.transport.socket.SocketSessionConfig;

/**
 * The FTP server of {@code ftpflux demo}: Apache MINA FtpServer in this process, on 127.0.0.1, an ephemeral port
 * and a temporary directory that is deleted when it closes.
 */
final class DemoServer implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final String USER = "demo";
    static final String PASSWORD = "demo-secret";

    private final Path root;
    private final FtpServer server;
    private final Listener listener;

    private DemoServer(Path root, FtpServer server, Listener listener) {
        this.root = root;
        this.server = server;
        this.listener = listener;
    }

    static DemoServer start() throws IOException, FtpException {
        Path root = Files.createTempDirectory("ftpflux-demo-");
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassiveAddress(HOST);
        data.setPassiveExternalAddress(HOST);
        ListenerFactory listenerFactory = new ListenerFactory();
        listenerFactory.setServerAddress(HOST);
        listenerFactory.setPort(0);
        listenerFactory.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        // Stock MINA leaves Nagle on for control connections, which delays every reply after a 150 by ~40 ms.
        listenerFactory.setSessionFilter(session -> {
            if (session.getConfig() instanceof SocketSessionConfig socket) {
                socket.setTcpNoDelay(true);
            }
            return true;
        });
        Listener listener = listenerFactory.createListener();

        PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
        users.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        BaseUser user = new BaseUser();
        user.setName(USER);
        user.setPassword(PASSWORD);
        user.setHomeDirectory(root.toString());
        user.setAuthorities(List.of(new ConcurrentLoginPermission(0, 0), new WritePermission()));
        var userManager = users.createUserManager();
        userManager.save(user);

        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setLoginFailureDelay(0);
        FtpServerFactory factory = new FtpServerFactory();
        factory.addListener("default", listener);
        factory.setUserManager(userManager);
        factory.setConnectionConfig(connections.createConnectionConfig());
        FtpServer server = factory.createServer();
        server.start();
        return new DemoServer(root, server, listener);
    }

    int port() {
        return listener.getPort();
    }

    Path root() {
        return root;
    }

    @Override
    public void close() {
        server.stop();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
