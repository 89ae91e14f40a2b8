// Command dockerfile-lint parses Dockerfiles with BuildKit's own parser and runs the lint rules
// BuildKit applies while parsing (stage name casing, duplicate stage names, reserved names, ...).
// There is no Docker engine on Corridor's machines, so this is how a broken Dockerfile shows up
// before someone runs `docker compose build`. Exits 1 on a parse error or any warning.
//
// Usage: dockerfile-lint <Dockerfile>...
package main

import (
	"fmt"
	"os"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

func check(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	res, err := parser.Parse(f)
	if err != nil {
		return 0, err
	}
	warnings := 0
	lint := linter.New(&linter.Config{Warn: func(rule, _, _, msg string, loc []parser.Range) {
		warnings++
		line := 0
		if len(loc) > 0 {
			line = loc[0].Start.Line
		}
		fmt.Fprintf(os.Stderr, "%s:%d: %s: %s\n", path, line, rule, msg)
	}})
	stages, _, err := instructions.Parse(res.AST, lint)
	if err != nil {
		return warnings, err
	}
	fmt.Printf("%s: %d stages\n", path, len(stages))
	return warnings, nil
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: dockerfile-lint <Dockerfile>...")
		os.Exit(2)
	}
	failed := false
	for _, path := range os.Args[1:] {
		warnings, err := check(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
		}
		failed = failed || err != nil || warnings > 0
	}
	if failed {
		os.Exit(1)
	}
}
