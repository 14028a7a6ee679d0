package dev.rill.server.live;

/** A publisher for tests in which nothing kicks it: a kick fails the test. */
record UnkickedPublisher(String cid) implements Publisher {
    @Override
    public void kick(String reason) {
        throw new AssertionError("not kicked in these tests");
    }
}
