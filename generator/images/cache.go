package images

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The cache holds one directory per source image and settings:
//
//	<CacheDir>/<hash[:2]>/<hash>-<settings>/480.jpg, 960.jpg, …, entry.json
//
// An entry is written into a temporary directory beside it and renamed into
// place, so it appears whole or not at all; entry.json records each file's
// size, so a file cut short by a crash is noticed and the entry remade.

const (
	entryFile = "entry.json"
	tmpPrefix = ".tmp-"
)

type entry struct {
	Version  int            `json:"version"`
	Width    int            `json:"width"`
	Height   int            `json:"height"`
	Variants []entryVariant `json:"variants"`
}

type entryVariant struct {
	Width  int   `json:"width"`
	Height int   `json:"height"`
	Size   int64 `json:"size"`
}

func (p *Processor) entryDir(hash string) string {
	return filepath.Join(p.cacheDir, hash[:2], hash+"-"+p.settings)
}

func variantFile(dir string, width int) string {
	return filepath.Join(dir, strconv.Itoa(width)+".jpg")
}

// load returns the cached entry for hash if it is complete.
func (p *Processor) load(hash string) (Result, bool) {
	dir := p.entryDir(hash)
	b, err := os.ReadFile(filepath.Join(dir, entryFile))
	if err != nil {
		return Result{}, false
	}
	var e entry
	if json.Unmarshal(b, &e) != nil || e.Version != cacheVersion || len(e.Variants) == 0 {
		return Result{}, false
	}
	res := Result{Width: e.Width, Height: e.Height, Hash: hash}
	for _, v := range e.Variants {
		file := variantFile(dir, v.Width)
		if st, err := os.Stat(file); err != nil || st.Size() != v.Size {
			return Result{}, false
		}
		res.Variants = append(res.Variants, Variant{Width: v.Width, Height: v.Height, File: file})
	}
	return res, true
}

// store writes an entry atomically and returns it as a Result.
func (p *Processor) store(hash string, width, height int, vs []encoded) (Result, error) {
	dir := p.entryDir(hash)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Result{}, fmt.Errorf("images: cache: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, tmpPrefix)
	if err != nil {
		return Result{}, fmt.Errorf("images: cache: %w", err)
	}
	defer os.RemoveAll(tmp) // nothing left to remove once renamed
	if err := os.Chmod(tmp, 0o755); err != nil {
		return Result{}, fmt.Errorf("images: cache: %w", err)
	}
	e := entry{Version: cacheVersion, Width: width, Height: height}
	for _, v := range vs {
		if err := os.WriteFile(variantFile(tmp, v.width), v.data, 0o644); err != nil {
			return Result{}, fmt.Errorf("images: cache: %w", err)
		}
		e.Variants = append(e.Variants, entryVariant{v.width, v.height, int64(len(v.data))})
	}
	b, err := json.Marshal(e)
	if err != nil {
		return Result{}, fmt.Errorf("images: cache: %w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, entryFile), b, 0o644); err != nil {
		return Result{}, fmt.Errorf("images: cache: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		// Another build sharing the cache may have stored the same entry
		// first; use it. Otherwise the entry there is damaged: replace it.
		if res, ok := p.load(hash); ok {
			return res, nil
		}
		if err := os.RemoveAll(dir); err != nil {
			return Result{}, fmt.Errorf("images: cache: %w", err)
		}
		if err := os.Rename(tmp, dir); err != nil {
			return Result{}, fmt.Errorf("images: cache: %w", err)
		}
	}
	res := Result{Width: width, Height: height, Hash: hash}
	for _, v := range vs {
		res.Variants = append(res.Variants, Variant{Width: v.width, Height: v.height, File: variantFile(dir, v.width)})
	}
	return res, nil
}

// Prune removes from the cache every entry whose source hash (Result.Hash)
// is not in keep, every entry made with other settings, and temporary
// directories left by interrupted builds. It returns how many entries it
// removed. Only names the cache itself creates are touched. Prune must not
// run while Process does.
func (p *Processor) Prune(keep map[string]bool) (int, error) {
	shards, err := os.ReadDir(p.cacheDir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("images: prune: %w", err)
	}
	removed := 0
	for _, s := range shards {
		if !s.IsDir() || len(s.Name()) != 2 || !isHex(s.Name()) {
			continue
		}
		shard := filepath.Join(p.cacheDir, s.Name())
		entries, err := os.ReadDir(shard)
		if err != nil {
			return removed, fmt.Errorf("images: prune: %w", err)
		}
		left := len(entries)
		for _, e := range entries {
			name := e.Name()
			hash, settings, ok := strings.Cut(name, "-")
			isTmp := strings.HasPrefix(name, tmpPrefix)
			isEntry := ok && len(hash) == 64 && isHex(hash) && isHex(settings) && hash[:2] == s.Name()
			if !isTmp && (!isEntry || keep[hash] && settings == p.settings) {
				continue
			}
			if err := os.RemoveAll(filepath.Join(shard, name)); err != nil {
				return removed, fmt.Errorf("images: prune: %w", err)
			}
			left--
			if isEntry {
				removed++
				p.mu.Lock()
				delete(p.results, hash)
				p.mu.Unlock()
			}
		}
		if left == 0 {
			os.Remove(shard) // only if empty; a failure leaves an empty directory
		}
	}
	return removed, nil
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil && s != ""
}
