package dev.videogate.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A name for this running instance: its host and a random suffix, so two instances on one host differ too. */
final class InstanceId {

    private InstanceId() {
    }

    static String generate() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "gateway";
        }
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        return host.replaceAll("[^A-Za-z0-9.-]", "") + "-" + HexFormat.of().formatHex(suffix);
    }
}
