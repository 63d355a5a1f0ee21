// Package lastbuild remembers the last good build of a site, so that a
// build whose inputs and outputs are exactly those of then can skip all the
// work.
package lastbuild

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"wallpress/generator/diag"
)

// A build whose inputs are exactly those of the last good build would write
// the same bytes (builds are deterministic), so it writes nothing: at the
// size of a sub-district that turns half a minute into a fraction of a
// second. The inputs are the config, the content, the themes, the program
// itself and the browser the posters would be printed with; the outputs are
// checked too, so that a deleted or edited public/ or print/ is rebuilt.
// Files are compared by path, size, mode and modification time, as make and
// git do.

// File records the last good build, under the root.
const File = ".cache/build.manifest"

// Manifest is what a good build leaves for the next one.
type Manifest struct {
	Inputs, Outputs [sha256.Size]byte
	Pages, Images   int
	Posters, PDFs   int
	// Diags are the warnings of that build, shown again.
	Diags []savedDiag
}

// savedDiag is a diagnostic with its arguments in concrete types, for gob.
type savedDiag struct {
	Pos      diag.Pos
	Severity diag.Severity
	Key      string
	Hint     string
	Args     []savedArg
}

type savedArg struct {
	Name string
	// Kind says which of the values is the argument: 's' Str, 'i' Int,
	// 'm' Int as money, 't' Time.
	Kind byte
	Str  string
	Int  int64
	Time time.Time
}

func saveDiags(items []diag.Diagnostic) []savedDiag {
	out := make([]savedDiag, 0, len(items))
	for _, d := range items {
		sd := savedDiag{Pos: d.Pos, Severity: d.Severity, Key: d.Key, Hint: d.Hint}
		for _, k := range slices.Sorted(maps.Keys(d.Args)) {
			a := savedArg{Name: k}
			switch v := d.Args[k].(type) {
			case string:
				a.Kind, a.Str = 's', v
			case int:
				a.Kind, a.Int = 'i', int64(v)
			case diag.Money:
				a.Kind, a.Int = 'm', int64(v)
			case time.Time:
				a.Kind, a.Time = 't', v
			default:
				a.Kind, a.Str = 's', fmt.Sprint(v)
			}
			sd.Args = append(sd.Args, a)
		}
		out = append(out, sd)
	}
	return out
}

func (sd savedDiag) diagnostic() diag.Diagnostic {
	d := diag.Diagnostic{Pos: sd.Pos, Severity: sd.Severity, Key: sd.Key, Hint: sd.Hint}
	if len(sd.Args) > 0 {
		// As it was made: a diagnostic without arguments has none.
		d.Args = diag.Args{}
	}
	for _, a := range sd.Args {
		switch a.Kind {
		case 'i':
			d.Args[a.Name] = int(a.Int)
		case 'm':
			d.Args[a.Name] = diag.Money(a.Int)
		case 't':
			d.Args[a.Name] = a.Time
		default:
			d.Args[a.Name] = a.Str
		}
	}
	return d
}

// fingerprint hashes the name, size, mode and modification time of every
// file under each of dirs (folders or single files, relative to root);
// missing ones count as missing. extra is hashed first.
func fingerprint(root string, dirs []string, extra ...string) ([sha256.Size]byte, error) {
	h := sha256.New()
	for _, e := range extra {
		writeString(h, e)
	}
	var buf [8 * 3]byte
	for _, d := range dirs {
		writeString(h, d)
		err := filepath.WalkDir(filepath.Join(root, d), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					writeString(h, "missing")
					return nil
				}
				return err
			}
			info, err := e.Info()
			if err != nil {
				return err
			}
			writeString(h, p)
			binary.LittleEndian.PutUint64(buf[0:], uint64(info.Size()))
			binary.LittleEndian.PutUint64(buf[8:], uint64(info.Mode()))
			binary.LittleEndian.PutUint64(buf[16:], uint64(info.ModTime().UnixNano()))
			h.Write(buf[:])
			return nil
		})
		if err != nil {
			return [sha256.Size]byte{}, err
		}
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum, nil
}

func writeString(h hash.Hash, s string) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
	h.Write(n[:])
	io.WriteString(h, s)
}

// program identifies the running generator by the bytes of its executable,
// so that a new version rebuilds everything.
func program() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return string(h.Sum(nil))
}

// Inputs fingerprints what a build at root reads. browser is the browser
// the posters would use ("" for none).
func Inputs(root, browser string) ([sha256.Size]byte, error) {
	return fingerprint(root, []string{"config.yaml", "content", "themes"}, program(), browser)
}

// Unchanged returns the manifest of the last good build at root when
// nothing it read (inputs) or wrote (the folders outputs, relative to
// root) has changed since, else nil.
func Unchanged(root string, inputs [sha256.Size]byte, outputs []string) *Manifest {
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(File)))
	if err != nil {
		return nil
	}
	var m Manifest
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&m) != nil || m.Inputs != inputs {
		return nil
	}
	if out, err := fingerprint(root, outputs); err != nil || out != m.Outputs {
		return nil
	}
	return &m
}

// Remember records a good build for the next one: m's figures and
// warnings, with inputs and the fingerprint of the folders outputs it
// wrote. Failing to is not an error: the next build just does all the
// work.
func Remember(root string, inputs [sha256.Size]byte, outputs []string, m Manifest, warnings []diag.Diagnostic) {
	file := filepath.Join(root, filepath.FromSlash(File))
	os.Remove(file)
	out, err := fingerprint(root, outputs)
	if err != nil {
		return
	}
	m.Inputs, m.Outputs, m.Diags = inputs, out, saveDiags(warnings)
	var b bytes.Buffer
	if gob.NewEncoder(&b).Encode(&m) != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(file), 0o755) != nil {
		return
	}
	tmp := file + ".tmp"
	if os.WriteFile(tmp, b.Bytes(), 0o644) == nil {
		os.Rename(tmp, file)
	}
}

// Warnings are the warnings of the build the manifest records, as they
// were made.
func (m *Manifest) Warnings() []diag.Diagnostic {
	out := make([]diag.Diagnostic, 0, len(m.Diags))
	for _, d := range m.Diags {
		out = append(out, d.diagnostic())
	}
	return out
}
