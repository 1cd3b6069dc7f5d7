package main

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// netlifyConfig is the part of netlify.toml we check: plain tables and [[headers]] rules.
// A tiny reader instead of a TOML library: the file uses only `key = "string"` lines, and
// the reader fails loudly on anything else rather than misreading it.
type netlifyConfig struct {
	tables  map[string]map[string]string
	headers []netlifyHeaderRule
}

type netlifyHeaderRule struct {
	path   string
	values map[string]string
}

var tomlKeyValue = regexp.MustCompile(`^([A-Za-z0-9_-]+)\s*=\s*"([^"\\]*)"\s*(#.*)?$`)

func readNetlifyConfig(t *testing.T, p string) netlifyConfig {
	t.Helper()
	f, err := os.Open(p)
	require.NoError(t, err)
	defer f.Close()
	cfg := netlifyConfig{tables: map[string]map[string]string{}}
	section := ""
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		switch {
		case text == "" || strings.HasPrefix(text, "#"):
		case text == "[[headers]]":
			cfg.headers = append(cfg.headers, netlifyHeaderRule{values: map[string]string{}})
			section = "headers"
		case text == "[headers.values]":
			require.Equal(t, "headers", section, "line %d: [headers.values] outside [[headers]]", line)
			section = "headers.values"
		case strings.HasPrefix(text, "[") && strings.HasSuffix(text, "]"):
			section = strings.Trim(text, "[]")
			cfg.tables[section] = map[string]string{}
		default:
			m := tomlKeyValue.FindStringSubmatch(text)
			require.NotNil(t, m, "line %d: not a key = \"string\" line: %s", line, text)
			key, value := m[1], m[2]
			switch section {
			case "headers":
				require.Equal(t, "for", key, "line %d", line)
				cfg.headers[len(cfg.headers)-1].path = value
			case "headers.values":
				cfg.headers[len(cfg.headers)-1].values[key] = value
			default:
				require.NotEmpty(t, section, "line %d: key outside any table", line)
				cfg.tables[section][key] = value
			}
		}
	}
	require.NoError(t, sc.Err())
	return cfg
}

// netlifyMatch follows Netlify's header path matching: `*` matches within one path segment
// and, at the end of the pattern, anything that follows.
func netlifyMatch(pattern, urlPath string) bool {
	var re strings.Builder
	re.WriteString("^")
	parts := strings.Split(pattern, "*")
	for i, part := range parts {
		if i > 0 {
			if i == len(parts)-1 && part == "" && strings.HasSuffix(parts[i-1], "/") {
				re.WriteString(".*") // a trailing /* is a splat
			} else {
				re.WriteString("[^/]*")
			}
		}
		re.WriteString(regexp.QuoteMeta(part))
	}
	re.WriteString("$")
	return regexp.MustCompile(re.String()).MatchString(urlPath)
}

// headersFor merges every rule that matches urlPath, failing if two set the same header:
// Netlify would join both values into one, which for Cache-Control or the CSP is nonsense.
func (cfg netlifyConfig) headersFor(t *testing.T, urlPath string) map[string]string {
	t.Helper()
	merged := map[string]string{}
	for _, rule := range cfg.headers {
		if !netlifyMatch(rule.path, urlPath) {
			continue
		}
		for k, v := range rule.values {
			_, dup := merged[k]
			assert.False(t, dup, "%s: %s set by more than one [[headers]] rule", urlPath, k)
			merged[k] = v
		}
	}
	return merged
}

func TestNetlifyTomlMatchesServer(t *testing.T) {
	cfg := readNetlifyConfig(t, "../../netlify.toml")

	assert.Equal(t, "make dist", cfg.tables["build"]["command"])
	assert.Equal(t, "dist", cfg.tables["build"]["publish"])
	assert.Equal(t, "1.26.8", cfg.tables["build.environment"]["GO_VERSION"])

	hash := contentHash([]byte("netlify"))
	for _, tt := range []struct {
		urlPath     string
		cache       string // "" when Netlify's default (revalidate with ETag) is right
		contentType string
	}{
		{"/", cacheRevalidate, ""},
		{"/index.html", cacheRevalidate, ""},
		{"/" + hashedName("main.wasm", hash), cacheImmutable, "application/wasm"},
		{"/" + hashedName("wasm_exec.js", hash), cacheImmutable, ""},
		{"/" + hashedName("vugu-render.js", hash), cacheImmutable, ""},
		{"/" + hashedName("boot.js", hash), cacheImmutable, ""},
		{"/" + hashedName("style.css", hash), cacheImmutable, ""},
		{"/" + hashedName("lanes.css", hash), cacheImmutable, ""},
		{"/" + hashedName("logo.svg", hash), cacheImmutable, ""},
		{"/main.wasm", "", "application/wasm"}, // unhashed: must never be immutable
		{"/boot.js", "", ""},
		{"/style.css", "", ""},
	} {
		h := cfg.headersFor(t, tt.urlPath)
		// The same security headers as our server, on every path.
		for _, sh := range securityHeaders {
			assert.Equal(t, sh.value, h[sh.name], "%s %s", tt.urlPath, sh.name)
		}
		assert.Equal(t, tt.cache, h["Cache-Control"], tt.urlPath)
		assert.Equal(t, tt.contentType, h["Content-Type"], tt.urlPath)
		if tt.contentType != "" {
			assert.Equal(t, typeOf(tt.urlPath).contentType, tt.contentType, tt.urlPath)
		}
		if tt.cache != "" && tt.urlPath != "/" {
			assert.Equal(t, cacheControl(tt.urlPath[1:], false), tt.cache, "server and Netlify agree on %s", tt.urlPath)
		}
	}
}

func TestNetlifyMatch(t *testing.T) {
	assert.True(t, netlifyMatch("/*", "/"))
	assert.True(t, netlifyMatch("/*", "/a/b.js"))
	assert.True(t, netlifyMatch("/*.wasm", "/main.wasm"))
	assert.False(t, netlifyMatch("/*.wasm", "/main.wasm.br"))
	assert.True(t, netlifyMatch("/*.*.js", "/boot.3f2a9c1b4d5e.js"))
	assert.False(t, netlifyMatch("/*.*.js", "/boot.js"))
	assert.False(t, netlifyMatch("/", "/index.html"))
	assert.True(t, netlifyMatch("/index.html", "/index.html"))
}
