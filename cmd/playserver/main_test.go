package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain lets a test run the real main() in a child process (the test binary itself),
// so signal handling is tested on a real process without building a second binary.
func TestMain(m *testing.M) {
	if os.Getenv("PLAYSERVER_RUN_MAIN") == "1" {
		os.Args = append([]string{"playserver"}, strings.Split(os.Getenv("PLAYSERVER_ARGS"), "\n")...)
		main()
		return
	}
	os.Exit(m.Run())
}

var startLine = regexp.MustCompile(`^Kafka playground: http://127\.0\.0\.1:(\d+)/$`)

func TestRunServesUntilCancelled(t *testing.T) {
	s := newTestSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdoutR, stdoutW := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-dir", s.dir, "-dev"}, stdoutW, &stderr)
		stdoutW.Close()
	}()

	out := bufio.NewReader(stdoutR)
	line, err := out.ReadString('\n')
	require.NoError(t, err)
	line = strings.TrimSuffix(line, "\n")
	require.Regexp(t, startLine, line)
	assert.NotEqual(t, "0", startLine.FindStringSubmatch(line)[1], "the real port is printed")
	url := strings.TrimPrefix(line, "Kafka playground: ")

	resp, err := rawClient.Get(url)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(body), "<!doctype html>")
	assert.Equal(t, cacheRevalidate, resp.Header.Get("Cache-Control"))

	cancel()
	select {
	case code := <-done:
		assert.Equal(t, 0, code, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop after cancel")
	}
	rest, err := io.ReadAll(out)
	require.NoError(t, err)
	assert.Empty(t, string(rest), "exactly one line on stdout")
	assert.Empty(t, stderr.String())
}

func TestRunStartupErrors(t *testing.T) {
	s := newTestSite(t)
	noIndex := t.TempDir()
	for _, tt := range []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"-dir", filepath.Join(s.dir, "nope"), "-addr", "127.0.0.1:0"}, 1, "site folder"},
		{[]string{"-dir", noIndex, "-addr", "127.0.0.1:0"}, 1, "has no index.html"},
		{[]string{"-dir", s.dir, "-addr", "127.0.0.1:notaport"}, 1, "playserver: listen tcp"},
		{[]string{"-dir", s.dir, "stray"}, 2, `unexpected argument "stray"`},
		{[]string{"-nope"}, 2, "flag provided but not defined"},
		{[]string{"-h"}, 0, "usage: playserver"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tt.args, &stdout, &stderr)
		assert.Equal(t, tt.code, code, "%v", tt.args)
		assert.Contains(t, stderr.String(), tt.contains, "%v", tt.args)
		assert.Empty(t, stdout.String(), "%v: nothing on stdout unless serving", tt.args)
	}
}

func TestMainStopsOnSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	s := newTestSite(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "PLAYSERVER_RUN_MAIN=1",
				"PLAYSERVER_ARGS="+strings.Join([]string{"-addr", "127.0.0.1:0", "-dir", s.dir}, "\n"))
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			defer func() { _ = cmd.Process.Kill() }()

			out := bufio.NewReader(stdout)
			line, err := out.ReadString('\n')
			if err != nil {
				_ = cmd.Process.Kill()
				_ = cmd.Wait() // stderr is only safe to read after Wait
				t.Fatalf("no start line: %v; stderr: %s", err, stderr.String())
			}
			line = strings.TrimSuffix(line, "\n")
			require.Regexp(t, startLine, line)
			resp, err := rawClient.Get(strings.TrimPrefix(line, "Kafka playground: ") + "main.wasm")
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))

			require.NoError(t, cmd.Process.Signal(sig))
			rest, err := io.ReadAll(out)
			require.NoError(t, err)
			waited := make(chan error, 1)
			go func() { waited <- cmd.Wait() }()
			select {
			case err := <-waited:
				assert.NoError(t, err, "clean exit after %v; stderr: %s", sig, stderr.String())
			case <-time.After(10 * time.Second):
				t.Fatalf("no exit after %v", sig)
			}
			assert.Empty(t, string(rest), "exactly one line on stdout")
		})
	}
}

func TestBrowsableAddr(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "127.0.0.1:8080",
		"0.0.0.0:8080":   "localhost:8080",
		"[::]:8080":      "localhost:8080",
		"[::1]:8080":     "[::1]:8080",
	} {
		tcp, err := net.ResolveTCPAddr("tcp", addr)
		require.NoError(t, err)
		assert.Equal(t, want, browsableAddr(tcp), addr)
	}
}
