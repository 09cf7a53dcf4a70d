# campsim build. `make` builds ./campsim; `make check` runs every test;
# `make demo` installs what is missing, builds and runs the reference scenario.
CC      ?= cc
PKGS    := gsl libconfig
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -fopenmp -Iinclude \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -MMD -MP
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
LDFLAGS += -fopenmp
VERSION := 0.1.0
CFLAGS  += -DCAMPSIM_VERSION='"$(VERSION)"'

ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
BUILD   := build/sanitize
else
BUILD   := build/release
endif

SRC      := $(wildcard sim/*.c)
LIB_OBJ  := $(patsubst sim/%.c,$(BUILD)/%.o,$(filter-out sim/main.c,$(SRC)))
MAIN_OBJ := $(BUILD)/main.o
TESTS    := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/unit_*.c)) \
            $(BUILD)/tests/replay_config $(BUILD)/tests/replay_observed \
            $(BUILD)/tests/replay_roundtrip $(BUILD)/tests/replay_set $(BUILD)/tests/replay_results

.PHONY: all check demo deps bench mpi clean install docs fuzz validate
all: campsim

# ./campsim is linked from build/release or build/sanitize: a stamp of the flavour
# last linked makes switching between them relink it.
FLAVOUR := build/flavour-$(notdir $(BUILD))
campsim: $(MAIN_OBJ) $(LIB_OBJ) $(FLAVOUR)
	$(CC) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB_OBJ) $(LDLIBS)
$(FLAVOUR):
	mkdir -p build && rm -f build/flavour-* && touch $@

$(BUILD)/%.o: sim/%.c | $(BUILD)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c tests/testlib.h $(LIB_OBJ) | $(BUILD)/tests
	$(CC) $(CFLAGS) -Itests -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(LDLIBS)

# The fuzz targets without libFuzzer: replay the corpus and the regressions in make check.
$(BUILD)/tests/replay_%: tests/fuzz/replay.c tests/fuzz/fuzz_%.c tests/fuzz/roundtrip.h $(LIB_OBJ) | $(BUILD)/tests
	$(CC) $(CFLAGS) -o $@ tests/fuzz/replay.c tests/fuzz/fuzz_$*.c $(LIB_OBJ) $(LDFLAGS) $(LDLIBS)

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

# Packages the build and the tests need (Debian/Ubuntu). Installs only what is missing.
DEB_PKGS := build-essential pkg-config libgsl-dev libconfig-dev gnuplot-nox \
            libopenmpi-dev openmpi-bin python3
# Optional: a headless browser and PDF tools for the checks of report.html
# (tests/e2e_report.sh skips them, and says so, when these are missing).
OPT_PKGS := chromium poppler-utils fonts-dejavu-core
deps:
	@sh tests/install-deps.sh $(DEB_PKGS)
	@sh tests/install-deps.sh $(OPT_PKGS) || echo "could not install $(OPT_PKGS): the browser checks of report.html will be skipped"

demo: deps
	$(MAKE) campsim
	./campsim run configs/jordan-2016.cfg -r 200 --plot
	./campsim forecast configs/jordan-2016-forecast.cfg --observed data/observations.csv --as-of 2016-04-30 --plot
	@echo "Open report.html there in a browser; the CSV files open in a spreadsheet."
	@echo "The forecast made on 30 April 2016, with its 50% and 90% bands: out/jordan-2016-forecast-forecast/charts/forecast.png"

check: deps
	$(MAKE) campsim campsim-mpi $(TESTS)
	@sh tests/run-all.sh $(BUILD)

# The full simulation-based calibration of calibrate's ABC-SMC (tests/unit_sbc.c;
# make check runs a reduced one). Its result is in docs/calibration.md.
SBC_REPS ?= 200
SBC_PARTICLES ?= 500
validate: $(BUILD)/tests/unit_sbc
	$(BUILD)/tests/unit_sbc --full $(SBC_REPS) $(SBC_PARTICLES)

# campsim-mpi: the same sources built with mpicc and -DCAMPSIM_MPI (sim/dist.c).
MPI_BUILD := $(BUILD)-mpi
MPI_OBJ   := $(patsubst sim/%.c,$(MPI_BUILD)/%.o,$(SRC))
mpi: campsim-mpi
campsim-mpi: $(MPI_OBJ) $(FLAVOUR)
	mpicc $(LDFLAGS) -o $@ $(MPI_OBJ) $(LDLIBS)
$(MPI_BUILD)/%.o: sim/%.c | $(MPI_BUILD)
	mpicc $(CFLAGS) -DCAMPSIM_MPI -c -o $@ $<
$(MPI_BUILD):
	mkdir -p $@

# Wall time and peak memory (tests/bench.sh); not a test, nothing fails on speed.
bench: campsim campsim-mpi
	sh tests/bench.sh

SECONDS ?= 60
RUNS    ?= -1
JOBS    ?= 1
fuzz:
	sh tests/fuzz/run.sh $(SECONDS) $(RUNS) "$(TARGET)" $(JOBS)

docs: campsim
	for f in docs/configuration.md docs/outputs.md; do sh tests/readme.sh $$f > $$f.new && mv $$f.new $$f; done

PREFIX  ?= /usr/local
install: campsim
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/campsim/plots \
	    $(DESTDIR)$(PREFIX)/share/campsim/configs/examples $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 campsim $(DESTDIR)$(PREFIX)/bin/campsim
	install -m 644 plots/*.gp $(DESTDIR)$(PREFIX)/share/campsim/plots/
	install -m 644 configs/*.cfg $(DESTDIR)$(PREFIX)/share/campsim/configs/
	install -m 644 configs/examples/*.cfg $(DESTDIR)$(PREFIX)/share/campsim/configs/examples/
	install -m 644 man/campsim.1 $(DESTDIR)$(PREFIX)/share/man/man1/campsim.1

clean:
	rm -rf build campsim campsim-mpi out tests/tmp

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d $(MPI_BUILD)/*.d)
