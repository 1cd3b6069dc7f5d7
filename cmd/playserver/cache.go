package main

// Cache-Control values. A hashed name never changes content, so browsers may keep it a year
// without asking; everything else (index.html above all, which names the current hashes)
// must be revalidated on every load or students would run yesterday's build.
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// cacheControl picks the Cache-Control for a served file. In dev mode the site is rebuilt
// under the same names, so nothing may be cached without revalidation.
func cacheControl(name string, dev bool) string {
	if !dev && isHashedName(name) {
		return cacheImmutable
	}
	return cacheRevalidate
}
