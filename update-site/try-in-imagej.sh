#!/usr/bin/env bash
# Tries PumaSeg in Debian's plain ImageJ 1.x (no Fiji) on a virtual X display:
#   1. installs the Debian packages imagej, xvfb and imagemagick when they are missing,
#   2. builds the PumaSeg jar and copies it, with its runtime libraries, into a private
#      ImageJ plugins folder under target/imagej-try (the system ImageJ's folders and the
#      user's ~/.imagej stay untouched),
#   3. starts ImageJ under xvfb-run with update-site/try-in-imagej.ijm, which opens
#      test-images/synthetic_he_512.tif, runs "Panoptic Segmentation" and takes screenshots,
#   4. prints the facts the macro recorded and where the screenshots are.
# Usage: update-site/try-in-imagej.sh [IMAGE]
# Outputs in target/imagej-try/out: status.txt, screen.png (whole screen), image-window.png
# (the input image window with the overlay) and imagej.log (ImageJ's standard output and error).
# Environment: TRY_NUCLEI_MODEL (a nuclei model package to use in place of the bundled one),
# TRY_TIMEOUT (seconds before ImageJ is stopped, default 900), TRY_MEMORY (Java maximum heap,
# default 3g).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

try="$root/target/imagej-try"
out="$try/out"
timeout_seconds=${TRY_TIMEOUT:-900}

# Runs inside xvfb-run, which sets DISPLAY: starts ImageJ, waits for it to quit, and on a
# timeout (a dialog or an exception window left open) takes a screenshot and stops it.
if [ "${1:-}" = "--inside-xvfb" ]; then
	shift
	java_options=("$@")
	java "${java_options[@]}" &
	java_pid=$!
	waited=0
	while kill -0 "$java_pid" 2>/dev/null; do
		if [ "$waited" -ge "$timeout_seconds" ]; then
			echo "try-in-imagej: ImageJ still runs after $timeout_seconds s; see $out/timeout.png" >&2
			import -window root "$out/timeout.png" || true
			kill "$java_pid"
			wait "$java_pid" || true
			exit 1
		fi
		sleep 2
		waited=$((waited + 2))
	done
	wait "$java_pid"
	exit $?
fi

image=$(realpath "${1:-test-images/synthetic_he_512.tif}")

install_missing() {
	local missing=()
	command -v imagej >/dev/null || missing+=(imagej)
	command -v xvfb-run >/dev/null || missing+=(xvfb xauth)
	command -v import >/dev/null || missing+=(imagemagick)
	[ ${#missing[@]} -eq 0 ] && return
	echo "try-in-imagej: installing ${missing[*]}" >&2
	local sudo=()
	[ "$(id -u)" -ne 0 ] && sudo=(sudo)
	"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}
install_missing

# The PumaSeg jar bundles the default models that are in models/ when it is built. Without
# the nuclei model, only the tissue part of the command can run.
segment="nuclei and tissue"
macro_argument="$image|$out|$segment"
if [ -n "${TRY_NUCLEI_MODEL:-}" ]; then
	macro_argument="$macro_argument|$(realpath "$TRY_NUCLEI_MODEL")"
elif [ ! -f models/nuclei-default/rdf.yaml ]; then
	segment="tissue only"
	macro_argument="$image|$out|$segment"
	echo "try-in-imagej: models/nuclei-default is missing, so the macro segments tissue only" >&2
fi

echo "try-in-imagej: building PumaSeg" >&2
mvn -q -B -Dstyle.color=never -DskipTests package
version=$(mvn -q -B -Dstyle.color=never help:evaluate -Dexpression=project.version -DforceStdout | sed "s/\x1b\[[0-9;]*m//g")

# ImageJ 1.x puts every jar in plugins/ and its subfolders on its plugin class path, but reads
# plugins.config only from jars whose name contains an underscore, hence PumaSeg_. ImageJ's own
# ij.jar must not be copied: Debian's is used.
rm -rf "$try"
mkdir -p "$try/plugins/jars" "$try/home" "$out"
cp "target/pumaseg-$version.jar" "$try/plugins/PumaSeg_-$version.jar"
mvn -q -B -Dstyle.color=never dependency:copy-dependencies -DincludeScope=runtime \
	-DexcludeArtifactIds=ij -DoutputDirectory="$try/plugins/jars"

# DJL must not reach the network: opt out before the JVM loads any DJL class.
export OPT_OUT_TRACKING=true
# user.home points to the private folder so that ImageJ keeps its preferences there. The
# TensorFlow natives stay in the user's PumaSeg cache, which is then named explicitly.
export PUMASEG_CACHE_DIR="${PUMASEG_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pumaseg}"
java_options=(
	"-Xmx${TRY_MEMORY:-3g}" -DOPT_OUT_TRACKING=true -Dai.djl.offline=true
	-Dplugins.dir="$try" -Duser.home="$try/home"
	-cp /usr/share/java/ij.jar ij.ImageJ -ijpath "$try" -port0
	-macro "$root/update-site/try-in-imagej.ijm" "$macro_argument"
)

echo "try-in-imagej: starting ImageJ under Xvfb (log in $out/imagej.log)" >&2
status=0
TRY_TIMEOUT="$timeout_seconds" xvfb-run -a -s "-screen 0 1600x1000x24" \
	"$root/update-site/try-in-imagej.sh" --inside-xvfb "${java_options[@]}" \
	>"$out/imagej.log" 2>&1 || status=$?

echo "--- $out/status.txt"
cat "$out/status.txt" 2>/dev/null || echo "(missing: the macro did not start)"
if ! grep -q "^command_ran=1" "$out/status.txt" 2>/dev/null ||
	! grep -q "^finished=yes" "$out/status.txt"; then
	echo "try-in-imagej: the command did not run or the macro did not finish (exit status" \
		"$status); see the screenshots and $out/imagej.log" >&2
	tail -n 30 "$out/imagej.log" >&2
	exit 1
fi
echo "Screenshots: $out/screen.png and $out/image-window.png"
