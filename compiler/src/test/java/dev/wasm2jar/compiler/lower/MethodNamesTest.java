package dev.wasm2jar.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodNamesTest {
    private static final String MODULE = "wasm2jar/generated/Module";

    private static List<String> places(String... wasmNames) {
        List<String> out = new ArrayList<>();
        for (MethodNames.Place p : MethodNames.assign(MODULE, Arrays.asList(wasmNames), 3)) {
            out.add(p.owner + " " + p.method);
        }
        return out;
    }

    @Test
    void goSymbolsLiveInAClassNamedAfterTheirPackage() {
        assertEquals(List.of(
                "wasm2jar/generated/fmt Fprintln",
                "wasm2jar/generated/main main",
                "wasm2jar/generated/encoding/json (*decodeState)\u00B7object",
                "wasm2jar/generated/github\u00B7com/x/y F",
                "wasm2jar/generated/internal_abi __Type_\u00B7Len"),
                places("fmt.Fprintln", "main.main", "encoding/json.(*decodeState).object", "github.com/x/y.F",
                        "internal_abi.__Type_.Len"));
    }

    @Test
    void namesWithoutAPackageStayInTheModuleClass() {
        assertEquals(List.of(MODULE + " memeqbody", MODULE + " f4", MODULE + " \u00B7hidden", MODULE + " trailing\u00B7",
                MODULE + " a∕\u00B7b"), places("memeqbody", null, ".hidden", "trailing.", "a/.b"));
    }

    @Test
    void splitPackageFollowsGo() {
        assertEquals(List.of("vendor/golang.org/x/net/http/httpguts", "ValidHeaderFieldName"),
                Arrays.asList(MethodNames.splitPackage("vendor/golang.org/x/net/http/httpguts.ValidHeaderFieldName")));
        assertEquals(List.of("type:", "eq.[2]interface {}"), Arrays.asList(MethodNames.splitPackage("type:.eq.[2]interface {}")));
        assertNull(MethodNames.splitPackage("a//b.c"), "an empty path segment is no package");
    }

    @Test
    void duplicatesAreSuffixedWithinAClassOnly() {
        assertEquals(List.of("wasm2jar/generated/fmt init", "wasm2jar/generated/os init", "wasm2jar/generated/fmt init~5"),
                places("fmt.init", "os.init", "fmt.init"));
    }

    @Test
    void aPackageNamedLikeTheModuleClassGetsItsOwnClass() {
        assertEquals(List.of("wasm2jar/generated/Module$pkg f", "wasm2jar/generated/Module$Code$pkg g"),
                places("Module.f", "Module$Code.g"));
    }

    @Test
    void largePackagesContinueInNumberedClasses() {
        String[] names = new String[MethodNames.FUNCTIONS_PER_CLASS * 2 + 1];
        for (int i = 0; i < names.length; i++) {
            names[i] = "runtime.f" + i;
        }
        List<String> p = places(names);
        assertEquals("wasm2jar/generated/runtime f255", p.get(255));
        assertEquals("wasm2jar/generated/runtime$1 f256", p.get(256));
        assertEquals("wasm2jar/generated/runtime$2 f512", p.get(512));
    }

    @Test
    void aModuleClassWithoutPackageKeepsPackageClassesApart() {
        assertEquals("App/fmt Println", MethodNames.assign("App", List.of("fmt.Println"), 0).get(0).owner + " "
                + MethodNames.assign("App", List.of("fmt.Println"), 0).get(0).method);
    }
}
