package dev.rill.server.cli;

/** Entry point; the command line is filled in with the server. */
public final class RillCommand {
    public static void main(String[] args) {
        System.out.println("rill");
    }
}
