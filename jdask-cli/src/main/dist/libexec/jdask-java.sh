# shellcheck shell=bash
# Shared by the repository's ./jdask and the distribution's bin/jdask (sourced, not run).
#
# jdask_find_java: finds a JDK >= JDASK_MIN_JAVA (21) the way the build does:
#   1. $JAVA_HOME, if it is new enough;
#   2. `java` on the PATH, if it is new enough;
#   3. the newest JDK in the folders named by $JDASK_JDK_DIRS (colon-separated), by default
#      /usr/lib/jvm, ~/.sdkman/candidates/java, /opt, /opt/* and (macOS)
#      /Library/Java/JavaVirtualMachines: each of their subfolders with bin/java and bin/javac.
# On success sets JDASK_JAVA (the java executable), JDASK_JAVA_HOME and JDASK_JAVA_FEATURE
# (e.g. 25). On failure prints what it found to stderr and returns 1.
#
# jdask_read_jvm_options FILE FEATURE: reads the JVM flags jdask needs (conf/jvm.options)
# into the array JDASK_JVM_FLAGS, keeping a line "jdk>=N FLAG..." only when FEATURE >= N.

JDASK_MIN_JAVA=21

# Prints the feature version (8, 17, 21, 25, ...) of the JDK at home $1, or nothing.
jdask_java_feature() {
    local home=$1 version=""
    if [[ -f "$home/release" ]]; then
        version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)
    fi
    if [[ -z "$version" && -x "$home/bin/java" ]]; then
        version=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    jdask_feature_of "$version"
}

# Prints the feature number of a version string: "25.0.3" -> 25, "1.8.0_402" -> 8, "21" -> 21.
jdask_feature_of() {
    local version=$1
    [[ -n "$version" ]] || return 0
    if [[ "$version" == 1.* ]]; then
        version=${version#1.}
    fi
    version=${version%%[!0-9]*}
    [[ -n "$version" ]] && printf '%s\n' "$version"
    return 0
}

# The JDK home of a java executable (following symlinks such as /usr/bin/java).
jdask_home_of_java() {
    local exe
    exe=$(readlink -f "$1" 2>/dev/null || printf '%s' "$1")
    dirname "$(dirname "$exe")"
}

jdask_find_java() {
    local found=() home feature best_home="" best_feature=0 best_version="" version candidate
    JDASK_JAVA="" JDASK_JAVA_HOME="" JDASK_JAVA_FEATURE=""

    if [[ -n "${JAVA_HOME:-}" ]]; then
        if [[ -x "$JAVA_HOME/bin/java" ]]; then
            feature=$(jdask_java_feature "$JAVA_HOME")
            if [[ -n "$feature" && "$feature" -ge "$JDASK_MIN_JAVA" ]]; then
                jdask_use_java "$JAVA_HOME" "$feature"
                return 0
            fi
            found+=("JAVA_HOME=$JAVA_HOME (Java ${feature:-of unknown version})")
        else
            found+=("JAVA_HOME=$JAVA_HOME (no bin/java there)")
        fi
    fi

    if command -v java >/dev/null 2>&1; then
        home=$(jdask_home_of_java "$(command -v java)")
        feature=$(jdask_java_feature "$home")
        if [[ -n "$feature" && "$feature" -ge "$JDASK_MIN_JAVA" ]]; then
            jdask_use_java "$home" "$feature"
            return 0
        fi
        found+=("java on the PATH: $(command -v java) (Java ${feature:-of unknown version})")
    fi

    local -A seen=()
    local -a dirs=() candidates=()
    local dir
    if [[ -n "${JDASK_JDK_DIRS:-}" ]]; then
        IFS=: read -r -a dirs <<<"$JDASK_JDK_DIRS"
    else
        dirs=(/usr/lib/jvm "${HOME:-/root}/.sdkman/candidates/java" /opt /opt/*/ /Library/Java/JavaVirtualMachines)
    fi
    for dir in "${dirs[@]}"; do
        dir=${dir%/}
        [[ -n "$dir" && -d "$dir" ]] || continue
        candidates+=("$dir"/*/ "$dir"/*/Contents/Home/)
    done
    for candidate in ${candidates[@]+"${candidates[@]}"}; do
        [[ -x "${candidate}bin/java" && -x "${candidate}bin/javac" ]] || continue
        home=$(readlink -f "${candidate%/}" 2>/dev/null || printf '%s' "${candidate%/}")
        [[ -z "${seen[$home]:-}" ]] || continue
        seen[$home]=1
        feature=$(jdask_java_feature "$home")
        [[ -n "$feature" ]] || continue
        version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" 2>/dev/null | head -n 1)
        if [[ "$feature" -ge "$JDASK_MIN_JAVA" ]]; then
            if [[ "$feature" -gt "$best_feature" ]] || { [[ "$feature" -eq "$best_feature" ]] \
                    && [[ "$(printf '%s\n%s\n' "$best_version" "$version" | sort -V | tail -n 1)" == "$version" ]]; }; then
                best_home=$home best_feature=$feature best_version=$version
            fi
        else
            found+=("$home (Java $feature)")
        fi
    done
    if [[ -n "$best_home" ]]; then
        jdask_use_java "$best_home" "$best_feature"
        return 0
    fi

    {
        echo "jdask: needs a JDK $JDASK_MIN_JAVA or newer, and found none."
        if [[ ${#found[@]} -eq 0 ]]; then
            echo "  Found no Java at all (looked at JAVA_HOME, the PATH and ${JDASK_JDK_DIRS:-/usr/lib/jvm, ~/.sdkman, /opt})."
        else
            echo "  Found only:"
            printf '    %s\n' "${found[@]}"
        fi
        echo "  Install a JDK $JDASK_MIN_JAVA+ (any vendor) under /usr/lib/jvm, or point JAVA_HOME at one."
    } >&2
    return 1
}

jdask_use_java() {
    JDASK_JAVA_HOME=$1
    JDASK_JAVA_FEATURE=$2
    JDASK_JAVA="$1/bin/java"
}

jdask_read_jvm_options() {
    local file=$1 feature=$2 line min
    local -a words
    JDASK_JVM_FLAGS=()
    if [[ ! -f "$file" ]]; then
        echo "jdask: missing $file (the JVM flags jdask needs)" >&2
        return 1
    fi
    while IFS= read -r line || [[ -n "$line" ]]; do
        line=${line%%#*}
        read -r -a words <<<"$line"
        [[ ${#words[@]} -gt 0 ]] || continue
        if [[ "${words[0]}" == jdk\>=* ]]; then
            min=${words[0]#jdk>=}
            words=("${words[@]:1}")
            [[ "$feature" -ge "$min" ]] || continue
        fi
        JDASK_JVM_FLAGS+=("${words[@]}")
    done <"$file"
}

# jdask_aot_flags HOME FEATURE ARGS...: the JVM flags of jdask's ahead-of-time (AOT) caches
# (Java 25+, see `jdask aot-train --help` and docs/distributed.md), into the array JDASK_AOT_FLAGS:
#   -Djdask.aot.dir=DIR (workers this JVM starts use DIR/worker-<key>.aot when it matches them);
#   for `jdask aot-train`: -XX:AOTCacheOutput=DIR/jdask-<key>.aot (this JVM records itself too);
#   otherwise -XX:AOTCache=DIR/jdask-<key>.aot when that file exists, with the diagnostic flag
#   -XX:-AOTReplayTraining (its classes, not the training's method profiles: measured, those made
#   map tasks cost about twice the CPU) unless JDASK_AOT_PROFILES=on (then also -Djdask.aot.profiles=on,
#   which gives the workers the profiles too).
# DIR is $JDASK_AOT_DIR, or HOME/aot. The key hashes the JDK, the flags in JDASK_JVM_FLAGS and the
# jars in HOME/lib (names, sizes, times), so a cache of another JDK or build is never passed.
# JDASK_AOT=off gives no flags at all; -XX:AOT.../-Xshare in JAVA_OPTS or JDASK_JAVA_OPTS leave
# this JVM's own cache out (the user chose). -Xlog:aot*=off keeps a refused cache quiet.
jdask_aot_flags() {
    local home=$1 feature=$2 dir key arg
    shift 2
    JDASK_AOT_FLAGS=()
    [[ "${JDASK_AOT:-on}" != off && "$feature" -ge 25 ]] || return 0
    dir=${JDASK_AOT_DIR:-$home/aot}
    JDASK_AOT_FLAGS+=("-Djdask.aot.dir=$dir")
    case " ${JAVA_OPTS:-} ${JDASK_JAVA_OPTS:-} " in
        *" -XX:AOT"* | *" -Xshare"*) return 0 ;;
    esac
    key=$( {
        printf '%s\n' "$JDASK_JAVA_HOME"
        sed -n 's/^JAVA_RUNTIME_VERSION="\([^"]*\)".*/\1/p' "$JDASK_JAVA_HOME/release" 2>/dev/null
        printf '%s\n' ${JDASK_JVM_FLAGS[@]+"${JDASK_JVM_FLAGS[@]}"}
        for arg in "$home"/lib/*.jar; do
            if [[ -f "$arg" ]]; then
                printf '%s %s\n' "$arg" "$(stat -c '%s %Y' "$arg" 2>/dev/null || stat -f '%z %m' "$arg")"
            fi
        done
    } | cksum | cut -d ' ' -f 1)
    if [[ "${1:-}" == aot-train ]]; then
        for arg in "$@"; do
            case $arg in -h | --help | -V | --version) return 0 ;; esac
        done
        mkdir -p "$dir" 2>/dev/null || return 0
        JDASK_AOT_FLAGS+=("-XX:AOTCacheOutput=$dir/jdask-$key.aot" "-Xlog:aot*=off")
    elif [[ -f "$dir/jdask-$key.aot" ]]; then
        JDASK_AOT_FLAGS+=("-XX:AOTCache=$dir/jdask-$key.aot" "-Xlog:aot*=off")
        if [[ "${JDASK_AOT_PROFILES:-off}" != on ]]; then
            JDASK_AOT_FLAGS+=(-XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining)
        fi
    fi
    if [[ "${JDASK_AOT_PROFILES:-off}" == on ]]; then
        JDASK_AOT_FLAGS+=("-Djdask.aot.profiles=on")
    fi
}
