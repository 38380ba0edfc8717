#!/usr/bin/env bash
# tests/scripts/test_build_status.sh: scripts/lib.sh's gm_build fails when the
# build fails (#15.7: a filter in a pipe once hid cmake's status, so a syntax
# error or a -Werror warning "passed" on the old binaries).
# A throwaway project of one C file, with the real lib.sh copied in, is built
# three ways: clean (must pass), with a syntax error, and with a warning under
# GM_WERROR=ON (both must fail, say "build failed", and run nothing after).
# usage: test_build_status.sh PROJECT_TOP
set -uo pipefail
TOP=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
mkdir -p "$T/p/scripts"
cp "$TOP/scripts/lib.sh" "$T/p/scripts/"
cat >"$T/p/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.13)
project(buildstatus C)
option(GM_WERROR "warnings are errors" OFF)
if(GM_WERROR)
  add_compile_options(-Wall -Werror)
endif()
add_executable(hello hello.c)
CM
cat >"$T/p/build.sh" <<'SH'
#!/usr/bin/env bash
set -euo pipefail
. "$(dirname "$0")/scripts/lib.sh"
gm_build "$1"
echo "after the build"
SH
run() {   # name werror expect(0|1) source
	printf '%s\n' "$4" >"$T/p/hello.c"
	local out rc=0
	out=$(bash "$T/p/build.sh" "$2" 2>&1) || rc=$?
	if [ "$3" -eq 0 ]; then
		if [ $rc -ne 0 ] || ! grep -q "after the build" <<<"$out"; then
			echo "FAIL $1: a clean build should pass (exit $rc)"; echo "$out"; fails=$((fails + 1)); return
		fi
	else
		if [ $rc -eq 0 ] || grep -q "after the build" <<<"$out" || ! grep -q "build failed" <<<"$out"; then
			echo "FAIL $1: a failed build should stop the script with 'build failed' (exit $rc)"; echo "$out"
			fails=$((fails + 1)); return
		fi
	fi
	echo "ok   $1"
}
run clean_build_passes OFF 0 'int main(void) { return 0; }'
run syntax_error_fails OFF 1 'int main(void) { return 0 }'
# built once before with the same name: the old binary must not make it pass
run warning_under_werror_fails ON 1 'int main(void) { int unused; return 0; }'
[ $fails -eq 0 ] && echo "build status: 3 of 3 cases" || exit 1
