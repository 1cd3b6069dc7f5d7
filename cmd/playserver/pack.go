package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// packCommand is `playserver pack -dir dist`, the last step of `make dist`.
func packCommand(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("playserver pack", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "", "built site `folder` to pack in place (required)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: playserver pack -dir folder")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		fs.Usage()
		return errUsage
	}
	if err := pack(*dir, stdout); err != nil {
		return fmt.Errorf("pack: %w", err)
	}
	return nil
}

// pack turns a built site folder into the production one, in place: every asset gets a
// content-hashed name (so it can be cached forever), index.html and stylesheets are
// rewritten to the new names, and .gz/.br siblings are written for the server to send
// without compressing per request. It plans everything in memory first, so a site with a
// broken reference fails before a single file is touched. Running it again on its own
// output changes nothing.
func pack(dir string, stdout io.Writer) error {
	files, stale, err := readSite(dir)
	if err != nil {
		return err
	}
	plan, err := planPack(files)
	if err != nil {
		return err
	}
	if err := plan.apply(dir, files, stale); err != nil {
		return err
	}
	sizes, err := precompressAll(dir, plan.contents)
	if err != nil {
		return err
	}
	return writeReport(stdout, sizes)
}

// readSite loads every file of the site folder, keyed by slash path. .br/.gz files are a
// previous pack's output and come back separately, to be deleted and written afresh.
func readSite(dir string) (files map[string][]byte, stale []string, err error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, nil, fmt.Errorf("site folder %s not found (build it with make site SITE=%s)", dir, dir)
	}
	files = map[string][]byte{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file; the site folder must hold plain files", rel)
		}
		if ext := path.Ext(rel); ext == ".br" || ext == ".gz" {
			stale = append(stale, rel)
			return nil
		}
		content, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[rel] = content
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if _, ok := files["index.html"]; !ok {
		return nil, nil, fmt.Errorf("%s has no index.html; is it a built site folder?", dir)
	}
	for _, s := range stale {
		if _, ok := files[s[:len(s)-len(path.Ext(s))]]; !ok {
			return nil, nil, fmt.Errorf("%s has no uncompressed original next to it; pack writes .br/.gz files itself, so remove it", s)
		}
	}
	return files, stale, nil
}

// keepsName lists the files whose URL is fixed by someone else and so must not be hashed:
// index.html (the entry point), favicon.ico and robots.txt (browsers and crawlers ask for
// those exact paths), and _-prefixed or hidden files (Netlify's _headers and _redirects).
func keepsName(name string) bool {
	base := path.Base(name)
	switch {
	case name == "index.html", name == "favicon.ico", name == "robots.txt":
		return true
	case strings.HasPrefix(base, "_"), strings.HasPrefix(base, "."):
		return true
	}
	return false
}

// packPlan is the packed site, computed before anything is written.
type packPlan struct {
	renames  map[string]string // original path -> hashed path, for files that move
	contents map[string][]byte // final path -> final content, for every file
}

// planPack hashes plain assets first and stylesheets second, since a stylesheet's content
// (and so its hash) includes the new names of the images and fonts it points at; index.html
// comes last because it names everything. Sorted order throughout keeps errors and output
// the same from run to run.
func planPack(files map[string][]byte) (packPlan, error) {
	plan := packPlan{renames: map[string]string{}, contents: map[string][]byte{}}
	var assets, stylesheets []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		switch {
		case keepsName(name):
			if name != "index.html" {
				plan.contents[name] = files[name]
			}
		case path.Ext(name) == ".css":
			stylesheets = append(stylesheets, name)
		default:
			assets = append(assets, name)
		}
	}
	for _, name := range assets {
		plan.place(name, files[name])
	}
	for _, name := range stylesheets {
		css, err := rewriteCSS(files[name], name, plan.renames)
		if err != nil {
			return packPlan{}, err
		}
		plan.place(name, css)
	}
	exists := func(p string) bool { _, ok := files[p]; return ok }
	index, err := rewriteHTML(files["index.html"], plan.renames, exists)
	if err != nil {
		return packPlan{}, err
	}
	plan.contents["index.html"] = index
	return plan, nil
}

// place records the final name of one asset. A file already named with its own content
// hash (a second pack of the same folder) keeps its name instead of gaining a second hash.
func (p *packPlan) place(name string, content []byte) {
	hash := contentHash(content)
	final := hashedName(name, hash)
	if isHashedName(name) && strings.Contains(path.Base(name), "."+hash) {
		final = name
	}
	if final != name {
		p.renames[name] = final
	}
	p.contents[final] = content
}

// apply makes the folder match the plan: stale siblings go, renamed files move (or are
// rewritten when their content changed), and the originals disappear.
func (p packPlan) apply(dir string, files map[string][]byte, stale []string) error {
	for _, s := range stale {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(s))); err != nil {
			return err
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		final, renamed := p.renames[name]
		if !renamed {
			final = name
		}
		content := p.contents[final]
		from, to := filepath.Join(dir, filepath.FromSlash(name)), filepath.Join(dir, filepath.FromSlash(final))
		changed := !bytes.Equal(content, files[name])
		switch {
		case renamed && !changed:
			if err := os.Rename(from, to); err != nil {
				return err
			}
		case changed:
			if err := os.WriteFile(to, content, 0o644); err != nil {
				return err
			}
			if renamed {
				if err := os.Remove(from); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return err
				}
			}
		}
	}
	return nil
}
