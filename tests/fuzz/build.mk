# build.mk - builds the libFuzzer targets tests/fuzz/fuzz_*.c into build-fuzz/
# with clang, ASan and UBSan; run from the top directory by tests/fuzz/run.sh
# as `make -f tests/fuzz/build.mk`. The library sources are compiled once
# with -fsanitize=fuzzer-no-link (coverage instrumentation without a main),
# each target is linked with -fsanitize=fuzzer.

FUZZ_CC ?= clang
FUZZ_CXX ?= clang++
FB ?= build-fuzz

LIB_INC := -Ilib $(patsubst %,-I%,$(wildcard lib/*/))
PKGS := xapian-core libmicrohttpd libcmark json-c uchardet libutf8proc yaml-0.1
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

SAN := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FCFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra $(LIB_INC) $(PKG_CFLAGS) $(SAN) -MMD -MP
FCXXFLAGS := -std=c++17 -Wall -Wextra $(LIB_INC) $(PKG_CFLAGS) $(SAN) -MMD -MP

LIB_C := $(wildcard lib/*/*.c)
LIB_CC := $(wildcard lib/*/*.cc)
LIB_OBJ := $(LIB_C:%.c=$(FB)/%.o) $(LIB_CC:%.cc=$(FB)/%.o)
TARGETS := $(patsubst tests/fuzz/%.c,$(FB)/%,$(wildcard tests/fuzz/fuzz_*.c))

all: $(TARGETS)

.SECONDARY:

$(FB)/lib/%.o: lib/%.c
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $<"
	@$(FUZZ_CC) $(FCFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FB)/lib/%.o: lib/%.cc
	@mkdir -p $(dir $@)
	@echo "  FUZZCXX $<"
	@$(FUZZ_CXX) $(FCXXFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FB)/libfagui.a: $(LIB_OBJ)
	@rm -f $@ && ar rcs $@ $^

$(FB)/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $<"
	@$(FUZZ_CC) $(FCFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FB)/fuzz_%: $(FB)/tests/fuzz/fuzz_%.o $(FB)/libfagui.a
	@echo "  LINK    $@"
	@$(FUZZ_CXX) $(SAN) -fsanitize=fuzzer -o $@ $< $(FB)/libfagui.a $(PKG_LIBS) -lpthread -lm

-include $(shell find $(FB) -name '*.d' 2>/dev/null)
