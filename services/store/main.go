// Command store serves the MongoDB wire protocol for Confab's development and tests.
//
// It embeds FerretDB with its SQLite backend (a data folder) by default, or its
// PostgreSQL backend when -postgresql-url is given. Production uses real MongoDB.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to serve on")
	dataDir := flag.String("data", "data/store", "folder for the SQLite backend")
	pgURL := flag.String("postgresql-url", "", "use the PostgreSQL backend at this URL")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	config := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
	}
	if *pgURL != "" {
		config.Handler = "postgresql"
		config.PostgreSQLURL = *pgURL
	} else {
		dir, err := filepath.Abs(*dataDir)
		if err != nil {
			fail("bad -data: %v", err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fail("cannot create data folder: %v", err)
		}
		config.Handler = "sqlite"
		config.SQLiteURL = "file:" + dir + "/"
	}

	db, err := ferretdb.New(config)
	if err != nil {
		fail("cannot start: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	logger.Warn("store listening", "address", *listen, "backend", config.Handler)
	if err := db.Run(ctx); err != nil {
		fail("stopped: %v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "store: "+format+"\n", args...)
	os.Exit(1)
}
