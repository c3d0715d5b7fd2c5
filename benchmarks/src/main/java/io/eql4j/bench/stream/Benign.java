package io.eql4j.bench.stream;

import java.util.List;
import java.util.SplittableRandom;

/** Ordinary values of ECS fields, for the parts of events that no rule is looking for. */
final class Benign {

    private static final String[] WINDOWS_PROCESSES = {
        "svchost.exe",
        "explorer.exe",
        "chrome.exe",
        "msedge.exe",
        "OneDrive.exe",
        "Teams.exe",
        "outlook.exe",
        "RuntimeBroker.exe",
        "SearchIndexer.exe",
        "taskhostw.exe"
    };
    private static final String[] LINUX_PROCESSES = {
        "bash", "sshd", "systemd", "python3", "java", "node", "nginx", "containerd", "cron", "dockerd"
    };
    private static final String[] MAC_PROCESSES = {
        "launchd", "zsh", "Safari", "mdworker_shared", "cfprefsd", "Finder", "trustd", "softwareupdated"
    };
    private static final String[] EXTENSIONS = {"tmp", "log", "dll", "txt", "json", "dat", "exe", "so", "plist"};

    private Benign() {}

    /** A benign value for {@code field}, of the type the rules compare it with ({@code gens}). */
    static Object value(String field, String os, List<ValueGen> gens, SplittableRandom rnd) {
        for (ValueGen g : gens) {
            if (g instanceof ValueGen.Fixed f && f.value() != null) {
                if (f.value() instanceof Long) {
                    return (long) rnd.nextInt(1, 65_536);
                }
                if (f.value() instanceof Double) {
                    return rnd.nextDouble() * 100;
                }
                if (f.value() instanceof Boolean) {
                    return rnd.nextBoolean();
                }
                break;
            }
        }
        String leaf = field.substring(field.lastIndexOf('.') + 1);
        switch (leaf) {
            case "trusted":
                return rnd.nextInt(10) != 0;
            case "port":
                return (long) rnd.nextInt(1, 65_536);
            case "ip":
                return rnd.nextBoolean()
                        ? "10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(1, 255)
                        : rnd.nextInt(1, 224) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "."
                                + rnd.nextInt(1, 255);
            case "name":
                return field.contains("process") ? process(os, rnd) : ValueGen.word(rnd, 8);
            case "original_file_name":
                return process("windows", rnd);
            case "executable":
                return directory(os, rnd) + process(os, rnd);
            case "path":
            case "working_directory":
                return directory(os, rnd) + ValueGen.word(rnd, 6) + "." + EXTENSIONS[rnd.nextInt(EXTENSIONS.length)];
            case "extension":
                return EXTENSIONS[rnd.nextInt(EXTENSIONS.length)];
            case "args":
            case "command_line":
                return "--" + ValueGen.word(rnd, 5);
            case "outcome":
                return rnd.nextInt(5) == 0 ? "failure" : "success";
            case "transport":
                return rnd.nextBoolean() ? "tcp" : "udp";
            case "direction":
                return rnd.nextBoolean() ? "egress" : "ingress";
            default:
                return ValueGen.word(rnd, 10);
        }
    }

    private static String process(String os, SplittableRandom rnd) {
        String[] names =
                os.equals("windows") ? WINDOWS_PROCESSES : os.equals("linux") ? LINUX_PROCESSES : MAC_PROCESSES;
        return names[rnd.nextInt(names.length)];
    }

    private static String directory(String os, SplittableRandom rnd) {
        if (os.equals("windows")) {
            return rnd.nextBoolean()
                    ? "C:\\Program Files\\" + ValueGen.word(rnd, 6) + "\\"
                    : "C:\\Users\\user" + rnd.nextInt(50) + "\\AppData\\Local\\";
        }
        return rnd.nextBoolean() ? "/usr/bin/" : "/home/user" + rnd.nextInt(50) + "/";
    }
}
