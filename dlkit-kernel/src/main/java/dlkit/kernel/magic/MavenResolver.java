package dlkit.kernel.magic;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/** Maven artifact resolution as {@code mvn} would do it for this user. Created lazily (it is slow). */
public final class MavenResolver {

    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private RepositorySystem system;
    private DefaultRepositorySystemSession session;
    private List<RemoteRepository> repositories;

    /** The jars of {@code coords} and its runtime dependencies. */
    public synchronized List<Path> resolve(String coords) throws MagicException {
        init();
        CollectRequest collect =
                new CollectRequest(new Dependency(new DefaultArtifact(coords), JavaScopes.RUNTIME), repositories);
        DependencyRequest request =
                new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        try {
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
                File f = r.getArtifact().getFile();
                if (f != null && f.getName().endsWith(".jar")) {
                    jars.add(f.toPath());
                }
            }
            return jars;
        } catch (DependencyResolutionException e) {
            String cause = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new MagicException("%maven: could not resolve " + coords + ": " + firstLine(cause)
                    + " (check the coordinates, your network, or ~/.m2/settings.xml mirrors/offline)");
        }
    }

    private void init() throws MagicException {
        if (system != null) {
            return;
        }
        Settings settings = readSettings();
        system = new RepositorySystemSupplier().get();
        session = MavenRepositorySystemUtils.newSession();
        String local = settings.getLocalRepository() != null
                ? settings.getLocalRepository()
                : System.getProperty("user.home") + "/.m2/repository";
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(local)));
        session.setOffline(settings.isOffline());
        String url = CENTRAL;
        for (Mirror m : settings.getMirrors()) {
            String of = m.getMirrorOf();
            if (of != null && (of.equals("*") || of.contains("central") || of.equals("external:*"))) {
                url = m.getUrl();
                break;
            }
        }
        repositories = List.of(new RemoteRepository.Builder("central", "default", url).build());
    }

    private static Settings readSettings() throws MagicException {
        DefaultSettingsBuildingRequest req = new DefaultSettingsBuildingRequest();
        File user = new File(System.getProperty("user.home"), ".m2/settings.xml");
        if (user.isFile()) {
            req.setUserSettingsFile(user);
        }
        String m2 = System.getenv("M2_HOME");
        if (m2 != null && new File(m2, "conf/settings.xml").isFile()) {
            req.setGlobalSettingsFile(new File(m2, "conf/settings.xml"));
        }
        req.setSystemProperties(System.getProperties());
        try {
            return new DefaultSettingsBuilderFactory().newInstance().build(req).getEffectiveSettings();
        } catch (SettingsBuildingException e) {
            throw new MagicException("%maven: cannot read settings.xml: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
