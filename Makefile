# Fagui - one non-recursive Makefile.
#
#   make            build bin/fagui-indexer and bin/fagui-searchd
#   make run        install missing packages, build, index corpus/, serve it
#   make test       install missing packages, build, run every test
#   make test-asan  the test suite under ASan+UBSan
#   make leakcheck  the C unit tests under valgrind memcheck
#   make bench      indexing and query benchmarks side by side with Groonga
#   make eval       relevance on STARD (needs ../shared)
#   make names      rule and article look-up on the real catalogue (needs ../shared)
#   make fuzz       long libFuzzer runs (FUZZ_SECONDS per target)

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CXX ?= c++
CFLAGS ?= -O2 -g
CXXFLAGS ?= -O2 -g
LDFLAGS ?=
BUILD ?= build
BIN ?= bin
SHARED ?= ../shared
LISTEN ?= 127.0.0.1:8080

PKGS := xapian-core libmicrohttpd libcmark json-c uchardet libutf8proc yaml-0.1
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

WARN := -Wall -Wextra -Wpedantic -Wshadow
# The core's layers (docs/ARCHITECTURE.md): lowest first.
LAYERS := base text doc store index search tools
LIB_INC := -Ilib $(LAYERS:%=-Ilib/%)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(LIB_INC) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
ALL_CXXFLAGS = -std=c++17 -Wall -Wextra $(LIB_INC) $(PKG_CFLAGS) $(CXXFLAGS) -MMD -MP
ALL_LIBS = $(PKG_LIBS) -lpthread -lm

ifeq ($(V),1)
Q :=
else
Q := @
endif

LIB_C := $(foreach l,$(LAYERS),$(wildcard lib/$(l)/*.c))
LIB_CC := $(foreach l,$(LAYERS),$(wildcard lib/$(l)/*.cc))
LIB_OBJ := $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CC:%.cc=$(BUILD)/%.o)
LIBA := $(BUILD)/libfagui.a
INDEXER_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(wildcard indexer/*.c))
SEARCHD_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(wildcard searchd/*.c))
TOOLS_C := $(wildcard tools/*.c)
TOOLS := $(TOOLS_C:tools/%.c=$(BIN)/%)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)

PROGS := $(BIN)/fagui-indexer $(BIN)/fagui-searchd
# keep the tools' objects: tests/test_layers.sh reads every object's symbols
.SECONDARY: $(TOOLS_C:tools/%.c=$(BUILD)/tools/%.o)

.PHONY: all deps run test check unit test-asan leakcheck bench bench-scale eval names fuzz fuzz-short \
	install uninstall clean format
.DEFAULT_GOAL := all

all: $(PROGS) $(TOOLS)

deps:
	@sh tools/deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.cc
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CXX     $<")
	$(Q)$(CXX) $(ALL_CXXFLAGS) -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN)/fagui-indexer: $(INDEXER_OBJ) $(LIBA)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CXX) $(CFLAGS) $(LDFLAGS) -o $@ $(INDEXER_OBJ) $(LIBA) $(ALL_LIBS)

$(BIN)/fagui-searchd: $(SEARCHD_OBJ) $(LIBA)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CXX) $(CFLAGS) $(LDFLAGS) -o $@ $(SEARCHD_OBJ) $(LIBA) $(ALL_LIBS)

$(BIN)/%: $(BUILD)/tools/%.o $(LIBA)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CXX) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(ALL_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIBA)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CXX) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(ALL_LIBS) $(CMOCKA_LIBS)

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

# The README's test command: install what is missing, build, run everything.
test: deps
	@$(MAKE) --no-print-directory check

check: all $(UNIT_BIN)
	@BIN=$(BIN) BUILD=$(BUILD) SHARED=$(SHARED) sh tests/run.sh $(UNIT_BIN)

SAN := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
# Leaks are errors too (LeakSanitizer at every program's exit).
SAN_ENV := ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
test-asan: deps
	@$(SAN_ENV) $(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/bin CFLAGS="$(SAN)" CXXFLAGS="$(SAN)" \
		LDFLAGS="-fsanitize=address,undefined" check

leakcheck: deps
	@$(MAKE) --no-print-directory $(UNIT_BIN)
	@LEAKCHECK=1 sh tests/run-unit.sh $(UNIT_BIN)

run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p var
	$(BIN)/fagui-indexer --index var/index corpus || [ $$? -eq 3 ]
	@echo "Fagui: serving http://$(LISTEN)/"
	$(BIN)/fagui-searchd --index var/index --listen $(LISTEN)

# the peers the benchmark runs beside Fagui (Groonga, groonga-httpd) and wrk
bench: deps all
	@FAGUI_DEPS_EXTRA="groonga-bin groonga-httpd wrk $(FAGUI_DEPS_EXTRA)" sh tools/deps.sh
	@BIN=$(BIN) SHARED=$(SHARED) sh bench/bench.sh

bench-scale: deps all
	@BIN=$(BIN) SHARED=$(SHARED) sh bench/scale.sh

eval: deps all
	@BIN=$(BIN) SHARED=$(SHARED) sh bench/eval.sh

names: deps all
	@BIN=$(BIN) SHARED=$(SHARED) sh bench/names.sh

fuzz: deps
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-300} sh tests/fuzz/run.sh

fuzz-short: deps
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-5} sh tests/fuzz/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/fagui/stopwords $(DESTDIR)$(PREFIX)/share/fagui/static
	install -m 755 $(PROGS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 stopwords/stopwords.txt $(DESTDIR)$(PREFIX)/share/fagui/stopwords/
	install -d $(DESTDIR)$(PREFIX)/share/fagui/data
	install -m 644 data/*.tsv $(DESTDIR)$(PREFIX)/share/fagui/data/
	install -d $(DESTDIR)$(PREFIX)/share/fagui/data/keywords
	install -m 644 data/keywords/*.tsv $(DESTDIR)$(PREFIX)/share/fagui/data/keywords/
	if [ -d searchd/static ]; then install -m 644 searchd/static/* $(DESTDIR)$(PREFIX)/share/fagui/static/; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/fagui-indexer $(DESTDIR)$(PREFIX)/bin/fagui-searchd
	rm -rf $(DESTDIR)$(PREFIX)/share/fagui

clean:
	rm -rf build build-asan build-fuzz bin

format:
	clang-format -i lib/*.h lib/*/*.c lib/*/*.h lib/*/*.cc indexer/*.c searchd/*.c tools/*.c tests/unit/*.c

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
