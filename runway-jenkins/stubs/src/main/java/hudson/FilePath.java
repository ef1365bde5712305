package hudson;

import java.io.IOException;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/FilePath.java}. */
public final class FilePath implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("stub");
    }

    public String readToString() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }
}
