package io.runway.core.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parser factories hardened for untrusted specs: bounded size, nesting and string length, no alias
 * expansion. Only plain trees are read from them, so YAML tags never instantiate anything.
 */
final class SpecFactories {
    /** Files and request bodies larger than this are refused before parsing. */
    static final int MAX_CHARS = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 64;
    static final int MAX_STRING_CHARS = 64 * 1024;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(MAX_STRING_CHARS)
            .maxNumberLength(100)
            .maxNameLength(1024)
            .maxDocumentLength(MAX_CHARS)
            .build();

    static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();
    static final YAMLFactory YAML = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(CONSTRAINTS)
            .build();

    private SpecFactories() {}

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(10);
        o.setAllowRecursiveKeys(false);
        o.setNestingDepthLimit(MAX_DEPTH);
        o.setCodePointLimit(MAX_CHARS);
        // Duplicate keys are left to LocatedTreeReader, which reports each one and keeps going.
        o.setAllowDuplicateKeys(true);
        return o;
    }

    static JsonFactory forFormat(SpecFormat format) {
        return format == SpecFormat.JSON ? JSON : YAML;
    }
}
