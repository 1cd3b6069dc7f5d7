package main

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"regexp"
	"strings"
)

// contentHashLen is how many hex digits of the SHA-256 go into a file name: 48 bits, so two
// versions of one asset colliding is not a practical worry, while names stay readable.
const contentHashLen = 12

// hashedNamePattern recognises `name.<12 lowercase hex>.ext` (or `name.<hex>` for a file
// without extension). Only such names may be cached forever, because a new build of the
// file gets a new name.
var hashedNamePattern = regexp.MustCompile(`^.+\.[0-9a-f]{12}(\.[A-Za-z0-9]+)?$`)

func isHashedName(name string) bool {
	return hashedNamePattern.MatchString(path.Base(name))
}

func contentHash(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])[:contentHashLen]
}

// hashedName puts the hash before the last extension (`main.wasm` -> `main.<hash>.wasm`),
// so the extension still decides the Content-Type and Netlify's `/*.*.wasm` globs match.
func hashedName(name, hash string) string {
	dir, base := path.Split(name)
	ext := path.Ext(base)
	if ext == base { // a dotfile such as ".env" has no base name to keep
		ext = ""
	}
	return dir + strings.TrimSuffix(base, ext) + "." + hash + ext
}
