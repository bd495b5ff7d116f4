package io.ftpflux.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.reactive.FtpSession;
import io.netty.buffer.ByteBuf;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the blocking surface in step with the reactive one: every public {@link FtpSession} method has a counterpart
 * on {@link BlockingFtpSession} (same name and parameters; a {@code Publisher<ByteBuf>} source becomes an
 * {@link InputStream}, a {@code Flux<ByteBuf>} download becomes {@code openInputStream}), and every public blocking
 * method answers a reactive one or is a listed blocking-only extra.
 */
class BlockingSurfaceTest {

    /** Reactive methods with no blocking counterpart, each with the reason. Empty: everything has one. */
    private static final Map<String, String> NOT_MIRRORED = Map.of();

    /** Blocking methods with no reactive original, each a blocking shape of something reactive. */
    private static final Set<String> BLOCKING_ONLY = Set.of(
            "reactive()",                     // the way back to the reactive session
            "listStream(String)",             // list(String) as a lazy Stream; list(String) returns a List
            "listStream()",                   // list() as a lazy Stream
            "openOutputStream(String)");      // upload(String, Publisher) driven by writes

    @Test
    void everyReactiveSessionMethodHasABlockingCounterpart() {
        List<String> missing = new ArrayList<>();
        for (Method reactive : publicMethods(FtpSession.class)) {
            String signature = signature(reactive.getName(), reactive.getParameterTypes());
            if (NOT_MIRRORED.containsKey(signature)) {
                continue;
            }
            String blockingName = blockingName(reactive);
            Class<?>[] blockingParameters = Arrays.stream(reactive.getParameterTypes())
                    .map(type -> type == Publisher.class ? InputStream.class : type)
                    .toArray(Class<?>[]::new);
            try {
                BlockingFtpSession.class.getMethod(blockingName, blockingParameters);
            } catch (NoSuchMethodException absent) {
                missing.add("FtpSession." + signature + " has no BlockingFtpSession."
                        + signature(blockingName, blockingParameters));
            }
        }
        assertThat(missing).as("reactive methods without a blocking counterpart").isEmpty();
    }

    @Test
    void everyBlockingSessionMethodAnswersAReactiveOneOrIsAListedExtra() {
        Set<String> reactive = publicMethods(FtpSession.class).stream()
                .map(method -> signature(blockingName(method), Arrays.stream(method.getParameterTypes())
                        .map(type -> type == Publisher.class ? InputStream.class : type)
                        .toArray(Class<?>[]::new)))
                .collect(Collectors.toSet());
        List<String> unexplained = publicMethods(BlockingFtpSession.class).stream()
                .map(method -> signature(method.getName(), method.getParameterTypes()))
                .filter(signature -> !reactive.contains(signature) && !BLOCKING_ONLY.contains(signature))
                .toList();

        assertThat(unexplained).as("blocking methods with no reactive original and not listed as extras").isEmpty();
        assertThat(BLOCKING_ONLY).allSatisfy(extra -> assertThat(publicMethods(BlockingFtpSession.class).stream()
                .map(method -> signature(method.getName(), method.getParameterTypes()))).contains(extra));
    }

    @Test
    void noBlockingMethodReturnsAPublisher() {
        for (Class<?> type : List.of(BlockingFtpSession.class, BlockingFtpClient.class)) {
            assertThat(publicMethods(type))
                    .as("public methods of %s", type.getSimpleName())
                    .allSatisfy(method -> assertThat(Publisher.class.isAssignableFrom(method.getReturnType()))
                            .as("%s returns %s", method, method.getReturnType().getSimpleName())
                            .isFalse());
        }
    }

    /** What a session knows without asking the server, returned as plain values by both facades. */
    private static final Set<String> PLAIN_ACCESSORS = Set.of("greeting", "features", "isOpen");

    @Test
    void theSurfaceComparisonSeesTheReactiveMethodsItMaps() {
        // Guards the mapping rules themselves: if the reactive download or upload changed shape, the rules would
        // silently map nothing.
        List<String> byteStreams = publicMethods(FtpSession.class).stream()
                .filter(method -> isByteBufFlux(method.getGenericReturnType())
                        || Arrays.asList(method.getParameterTypes()).contains(Publisher.class))
                .map(method -> signature(method.getName(), method.getParameterTypes()))
                .toList();

        assertThat(byteStreams).contains("download(String)", "download(String, long)", "upload(String, Publisher)",
                "upload(String, Publisher, UploadOptions)", "append(String, Publisher)");
        assertThat(publicMethods(FtpSession.class)).allSatisfy(method -> assertThat(
                Mono.class.isAssignableFrom(method.getReturnType()) || Flux.class.isAssignableFrom(method.getReturnType())
                        || PLAIN_ACCESSORS.contains(method.getName()))
                .as("%s is an operation or one of the plain accessors %s", method, PLAIN_ACCESSORS).isTrue());
    }

    /** {@code Flux<ByteBuf> download(...)} becomes {@code openInputStream(...)}; everything else keeps its name. */
    private static String blockingName(Method reactive) {
        return isByteBufFlux(reactive.getGenericReturnType()) ? "openInputStream" : reactive.getName();
    }

    private static boolean isByteBufFlux(Type type) {
        return type instanceof ParameterizedType parameterized && parameterized.getRawType() == Flux.class
                && parameterized.getActualTypeArguments()[0] == ByteBuf.class;
    }

    private static List<Method> publicMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()))
                .filter(method -> !method.isSynthetic() && !method.isBridge())
                .filter(method -> !method.getName().equals("toString"))
                .toList();
    }

    private static String signature(String name, Class<?>[] parameters) {
        return name + Arrays.stream(parameters).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }
}
