package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// shutdownGrace bounds how long a stop waits for responses in flight (a slow client
// downloading main.wasm) before closing their connections.
const shutdownGrace = 5 * time.Second

// serveCommand runs the static server until ctx is cancelled (SIGINT/SIGTERM in main).
func serveCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("playserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on (port 0 picks a free one)")
	dir := fs.String("dir", "build/site", "site `folder` to serve (built by make site or make dist)")
	dev := fs.Bool("dev", false, "send Cache-Control: no-cache on everything, for rebuild-and-reload")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: playserver [-addr host:port] [-dir folder] [-dev]\n       playserver pack -dir folder")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkSiteDir(*dir); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           newSiteHandler(*dir, *dev),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          log.New(stderr, "playserver: ", 0),
	}
	// Print only after Listen succeeded, and print the bound address: with port 0 that
	// line is how scripts learn the port.
	fmt.Fprintf(stdout, "Kafka playground: http://%s/\n", browsableAddr(ln.Addr()))

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("stopping: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// checkSiteDir fails early with a hint, instead of starting a server that 404s everything.
func checkSiteDir(dir string) error {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return fmt.Errorf("site folder %s not found: build it first (make site, or make dist)", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return fmt.Errorf("site folder %s has no index.html: build it first (make site, or make dist)", dir)
	}
	return nil
}

// browsableAddr turns a wildcard listen address (0.0.0.0, ::) into localhost: browsers
// cannot reliably open http://0.0.0.0/ (Chrome blocks it), and the printed URL is meant to
// be clicked.
func browsableAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return tcp.String()
}
