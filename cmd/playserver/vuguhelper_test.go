package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVuguHelperScriptIsTheConstantVuguEvals(t *testing.T) {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/vugu/vugu").Output()
	require.NoError(t, err)
	src := filepath.Join(strings.TrimSpace(string(dir)), "domrender", "renderer-js-script.go")
	script, err := vuguHelperScript(src)
	require.NoError(t, err)
	// boot.js answers Vugu's eval only when the helper is already installed, and it recognises
	// the script by this guard.
	assert.True(t, strings.HasPrefix(script, "(function(){if(window.vuguRender)return;"), script[:60])
	assert.Contains(t, script, "window.vuguRender=function")

	out := filepath.Join(t.TempDir(), "vugu-render.js")
	require.NoError(t, vuguHelperCommand([]string{"-src", src, "-o", out}, os.Stderr))
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, script, string(b))
}

func TestVuguHelperScriptErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := vuguHelperScript(filepath.Join(dir, "missing.go"))
	assert.Error(t, err)
	p := filepath.Join(dir, "x.go")
	require.NoError(t, os.WriteFile(p, []byte("package x\nconst other = \"a\"\n"), 0o644))
	_, err = vuguHelperScript(p)
	assert.ErrorContains(t, err, "no constant jsHelperScript")
	require.NoError(t, os.WriteFile(p, []byte("package x\nconst jsHelperScript = 3\n"), 0o644))
	_, err = vuguHelperScript(p)
	assert.ErrorContains(t, err, "not a string literal")
}
