// CEditLine: the parts of libedit (<histedit.h>) that Swift cannot call directly.
//
// `el_set`, `el_get` and `history` are C variadic functions, and Swift 6 rejects Glibc's
// `stdin`/`stdout`/`stderr` globals as not concurrency-safe. Each wrapper below is a small
// `static inline` function with a fixed signature. Non-variadic libedit calls (`el_wgets`,
// `el_wline`, `el_winsertstr`, `el_deletestr`, `el_cursor`, `el_push`, `el_reset`, `el_end`,
// `history_init`, `history_end`) are used from Swift as they are.
//
// The wrappers keep no state of their own: a `static` variable here would be duplicated in every
// object file that calls them.

#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H

#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/// An editor function added with `EL_ADDFN`: returns one of the `CC_*` codes.
typedef unsigned char (*ceditline_function_t)(EditLine *, int);

/// A prompt function set with `EL_PROMPT`: returns the prompt to print.
typedef char *(*ceditline_prompt_function_t)(EditLine *);

// MARK: - Standard streams

static inline FILE *ceditline_stdin(void) { return stdin; }
static inline FILE *ceditline_stdout(void) { return stdout; }
static inline FILE *ceditline_stderr(void) { return stderr; }

// MARK: - Locale and terminal

/// Makes the multibyte conversions libedit does (input, display, history) use UTF-8:
/// `setlocale(LC_CTYPE, "")`, then `C.UTF-8` when the environment's locale is not UTF-8
/// (LANG unset in a service or a test terminal). Returns 1 when the codeset is UTF-8.
static inline int ceditline_use_utf8_ctype(void) {
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset != NULL && strcmp(codeset, "UTF-8") == 0) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) return 0;
    codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

/// The terminal's width in columns (`TIOCGWINSZ` on `fd`), or 0 when unknown.
static inline int ceditline_terminal_columns(int fd) {
    struct winsize size;
    memset(&size, 0, sizeof(size));
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return (int)size.ws_col;
}

// MARK: - Editor

/// `el_init` on the process's standard streams.
static inline EditLine *ceditline_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

static inline int ceditline_set_prompt(EditLine *el, ceditline_prompt_function_t prompt) {
    return el_set(el, EL_PROMPT_ESC, prompt, '\1');
}

/// `mode` is "emacs" or "vi".
static inline int ceditline_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/// With handling on, libedit restores the terminal on fatal signals, redraws after SIGCONT and
/// follows SIGWINCH; it also passes SIGINT on to the previous handler (the default one exits).
static inline int ceditline_set_signal_handling(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline int ceditline_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

static inline int ceditline_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *ceditline_client_data(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/// `EL_ADDFN`: makes `function` available to key bindings under `name`.
static inline int ceditline_add_function(EditLine *el, const char *name, const char *help,
                                         ceditline_function_t function) {
    return el_set(el, EL_ADDFN, name, help, function);
}

/// `EL_BIND`: binds `key` (libedit notation: "^I", "^C", "\\e[A") to a named editor function.
static inline int ceditline_bind_key(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

/// While editing (`setty -d`), turns the terminal's interrupt character off so that Ctrl-C
/// reaches the editor as a key instead of raising SIGINT. `intr=` disables it now; `-intr`
/// keeps it disabled when libedit later picks up changed terminal characters.
/// The terminal's own settings (used between reads) are unchanged.
static inline int ceditline_disable_interrupt_character(EditLine *el) {
    return el_set(el, EL_SETTY, "-d", "intr=", "-intr", (const char *)NULL);
}

// MARK: - History

static inline int ceditline_history_set_size(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}

/// The number of entries, or -1.
static inline int ceditline_history_count(History *h) {
    HistEvent event;
    if (history(h, &event, H_GETSIZE) != 0) return -1;
    return event.num;
}

/// With `unique` set, an entry equal to the most recent one is not entered again.
static inline int ceditline_history_set_unique(History *h, int unique) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, unique);
}

/// `H_ENTER`: adds `line` as a new, most recent entry (it may contain newlines).
static inline int ceditline_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}

/// `H_LOAD`: the number of entries read, or -1.
static inline int ceditline_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}

/// `H_SAVE`: the number of entries written, or -1.
static inline int ceditline_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}

/// `H_FIRST`: the most recent entry into `event`; 0, or -1 when the history is empty.
static inline int ceditline_history_first(History *h, HistEvent *event) {
    return history(h, event, H_FIRST);
}

/// `H_NEXT`: the next older entry into `event`; 0, or -1 past the oldest one.
static inline int ceditline_history_next(History *h, HistEvent *event) {
    return history(h, event, H_NEXT);
}

static inline int ceditline_history_clear(History *h) {
    HistEvent event;
    return history(h, &event, H_CLEAR);
}

#endif /* CEDITLINE_SHIM_H */
