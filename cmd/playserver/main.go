// Command playserver serves the browser playground and packs it for production.
//
//	go run ./cmd/playserver [-addr 127.0.0.1:8080] [-dir build/site] [-dev]
//	go run ./cmd/playserver pack -dir dist
//	go run ./cmd/playserver vuguhelper -src VUGU/domrender/renderer-js-script.go -o site/vugu-render.js
//
// The first form is `make serve` (with -dev) and the classroom/offline server for a packed
// dist/ folder; the second is the last step of `make dist`. Both live in one binary so the
// server and the packer can never disagree about hashed names or precompressed siblings.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// SIGTERM as well as Ctrl-C: e2e scripts and process managers stop the server with it,
	// and it should finish the responses in flight rather than cut them.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: tests call it with their own context and writers.
// It returns the exit code: 0 on success or -h, 2 for bad usage, 1 for anything else.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var err error
	switch {
	case len(args) > 0 && args[0] == "pack":
		err = packCommand(args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "vuguhelper":
		err = vuguHelperCommand(args[1:], stderr)
	default:
		err = serveCommand(ctx, args, stdout, stderr)
	}
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintf(stderr, "playserver: %v\n", err)
		return 1
	}
}

// errUsage marks an error the flag package has already explained on stderr.
var errUsage = errors.New("usage error")

// parseFlags parses args and rejects stray positional arguments, which would otherwise be
// silently ignored (a typo like `-dir dist extra` should not quietly serve something else).
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}
