package io.runway.jenkins.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.runway.jenkins.StoreChoice;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The JCasC example of docs/jenkins.md binds to {@link DynamoDbStoreChoice} the way JCasC binds it (the
 * {@code @DataBoundConstructor} by parameter name, then one {@code @DataBoundSetter} per other key; an unknown key is an
 * error), and every bound property has a getter (for export), a form entry and a help file. The real JCasC import and
 * export run in the canonical build (src/jenkinsTest).
 */
class JcascBindingTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theDocumentedExampleBindsToTheDynamoDbChoice() throws Exception {
        JsonNode root = YAML.readTree(DocsJcascExample.read());
        JsonNode store = root.at("/unclassified/runway/store");
        assertThat(store.fieldNames()).toIterable().containsExactly(symbol());

        DynamoDbStoreChoice c = bind((ObjectNode) store.get(symbol()));
        assertThat(c.getTable()).isEqualTo("runway-state");
        assertThat(c.getRegion()).isEqualTo("eu-west-1");
        assertThat(c.getCredentialsId()).isEqualTo("runway-aws");
        assertThat(c.isCreateTable()).isTrue();
        assertThat(c.settings().table()).isEqualTo("runway-state");

        // The credentials it names are declared in the same example, as AWS credentials (symbol `aws`).
        JsonNode aws = root.at("/credentials/system/domainCredentials/0/credentials/0/aws");
        assertThat(aws.path("id").asText()).isEqualTo(c.getCredentialsId());
        assertThat(aws.path("scope").asText()).isEqualTo("GLOBAL");
    }

    @Test
    void anUnknownKeyIsRefusedByName() throws Exception {
        ObjectNode fields = (ObjectNode) YAML.readTree("{table: runway-state, regoin: eu-west-1}");
        assertThatThrownBy(() -> bind(fields)).hasMessageContaining("regoin");
    }

    @Test
    void aBadValueIsRefusedWithTheStoreFieldName() throws Exception {
        ObjectNode fields = (ObjectNode) YAML.readTree("{table: runway-state, endpoint: 'dynamodb.local:8000'}");
        assertThatThrownBy(() -> bind(fields)).hasMessageStartingWith("store.endpoint: ");
    }

    @Test
    void everyPropertyHasAGetterAFormEntryAndAHelpFile() throws Exception {
        Class<?> type = DynamoDbStoreChoice.class;
        String jelly = new String(type.getResourceAsStream("DynamoDbStoreChoice/config.jelly").readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(type.getResource("DynamoDbStoreChoice/help.html")).isNotNull();
        List<String> properties = new ArrayList<>();
        Arrays.stream(constructor().getParameters()).map(Parameter::getName).forEach(properties::add);
        Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .map(m -> Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4)).forEach(properties::add);
        assertThat(properties).containsExactlyInAnyOrder("table", "region", "credentialsId", "endpoint", "createTable");
        for (String p : properties) {
            assertThat(type.getResource("DynamoDbStoreChoice/help-" + p + ".html")).as("help-" + p).isNotNull();
            assertThat(jelly).as("config.jelly entry for " + p).contains("field=\"" + p + "\"");
            String cap = Character.toUpperCase(p.charAt(0)) + p.substring(1);
            boolean getter = Arrays.stream(type.getMethods()).anyMatch(m -> m.getParameterCount() == 0
                    && (m.getName().equals("get" + cap) || m.getName().equals("is" + cap)));
            assertThat(getter).as("getter for " + p + " (JCasC export)").isTrue();
        }
    }

    @Test
    void theEc2PoolsExampleBindsToTheAwsPoolsSectionAndItsPoolsAreServedByTheContribution() throws Exception {
        JsonNode root = YAML.readTree(DocsJcascExample.read("### EC2 pools"));
        String symbol = AwsPoolsConfiguration.class.getAnnotation(Symbol.class).value()[0];
        JsonNode section = root.at("/unclassified/" + symbol);
        assertThat(section.isObject()).as("unclassified." + symbol).isTrue();
        // JCasC sets each key through its @DataBoundSetter on the (singleton) configuration; every key has one.
        for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String setter = "set" + Character.toUpperCase(key.charAt(0)) + key.substring(1);
            assertThat(Arrays.stream(AwsPoolsConfiguration.class.getMethods())
                    .anyMatch(m -> m.getName().equals(setter) && m.isAnnotationPresent(DataBoundSetter.class)))
                    .as("@DataBoundSetter for " + key).isTrue();
        }
        String id = section.path("credentialsId").asText();
        assertThat(root.at("/credentials/system/domainCredentials/0/credentials/0/aws/id").asText()).isEqualTo(id);

        var pools = io.runway.core.spec.SpecKind.POOLS.reader().read("runway pools",
                root.at("/unclassified/runway/pools").asText()).orThrow();
        assertThat(pools.pools()).extracting(p -> p.provider()).containsExactly("aws-ec2");
        Ec2PoolsContribution contribution = new Ec2PoolsContribution(() -> id, x -> null);
        assertThat(io.runway.jenkins.host.PoolProviders.problems(pools,
                io.runway.jenkins.host.PoolProviders.available(List.of(contribution)))).isEmpty();
        assertThat(io.runway.jenkins.host.PoolProviders.problems(pools,
                io.runway.jenkins.host.PoolProviders.available(List.of()))).singleElement().asString()
                .contains("install the runway-aws plugin");
    }

    @Test
    void theAwsPoolsSectionHasAGetterAFormEntryAndAHelpFilePerProperty() throws Exception {
        Class<?> type = AwsPoolsConfiguration.class;
        String jelly = new String(type.getResourceAsStream("AwsPoolsConfiguration/config.jelly").readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(type.getResource("AwsPoolsConfiguration/help.html")).isNotNull();
        List<String> properties = Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .map(m -> Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4)).toList();
        assertThat(properties).containsExactly("credentialsId");
        for (String p : properties) {
            assertThat(type.getResource("AwsPoolsConfiguration/help-" + p + ".html")).as("help-" + p).isNotNull();
            assertThat(jelly).as("config.jelly entry for " + p).contains("field=\"" + p + "\"");
            String cap = Character.toUpperCase(p.charAt(0)) + p.substring(1);
            assertThat(Arrays.stream(type.getMethods()).anyMatch(m -> m.getParameterCount() == 0
                    && m.getName().equals("get" + cap))).as("getter for " + p).isTrue();
        }
    }

    private static String symbol() {
        return DynamoDbStoreChoice.DescriptorImpl.class.getAnnotation(Symbol.class).value()[0];
    }

    private static Constructor<?> constructor() {
        return Arrays.stream(DynamoDbStoreChoice.class.getConstructors())
                .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).findFirst().orElseThrow();
    }

    /** JCasC's way, reduced to the types this class uses (String, boolean). */
    static DynamoDbStoreChoice bind(ObjectNode yaml) throws Exception {
        ObjectNode fields = yaml.deepCopy();
        Constructor<?> ctor = constructor();
        List<Object> args = new ArrayList<>();
        for (Parameter p : ctor.getParameters()) {
            JsonNode v = fields.remove(p.getName());
            args.add(v == null ? null : value(v, p.getType()));
        }
        StoreChoice choice;
        try {
            choice = (StoreChoice) ctor.newInstance(args.toArray());
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String setter = "set" + Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1);
                Method m = Arrays.stream(DynamoDbStoreChoice.class.getMethods())
                        .filter(x -> x.getName().equals(setter) && x.isAnnotationPresent(DataBoundSetter.class))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no property '" + e.getKey() + "' on dynamodb"));
                m.invoke(choice, value(e.getValue(), m.getParameterTypes()[0]));
            }
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
        return (DynamoDbStoreChoice) choice;
    }

    private static Object value(JsonNode v, Class<?> type) {
        return type == boolean.class ? v.asBoolean() : v.asText();
    }
}
