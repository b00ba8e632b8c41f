// Dispatch on the first argument (cxxopts has no subcommands) and the single
// place where a run-ending idx::Error becomes `idx: error: ...` and an exit code.

#include <csignal>
#include <cstring>
#include <iostream>
#include <system_error>

#include <xapian.h>

#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "cli/exit_status.hpp"
#include "cli/options.hpp"
#include "common/display_text.hpp"
#include "common/error.hpp"
#include "common/version.hpp"

namespace idx::cli {
namespace {

constexpr Command kCommands[] = {
    {"add", "index post files (rerun from cron: only what changed is touched)", run_add},
    {"search", "search the index: ranked results, snippets, facets", run_search},
    {"facets", "count posts per author, category, tag, year and month", run_facets},
    {"stats", "show what the index holds", run_stats},
    {"rm", "remove the documents of files or folders from the index", run_rm},
    {"serve", "serve the search page and JSON API for a site's readers", nullptr},
    {"roots", "list the folders idx add reindexes, with their post counts; roots rm DIR forgets one", run_roots},
};

void print_usage(std::ostream& out) {
    out << "idx: full-text search for blog posts kept as files (Jekyll, WordPress exports)\n\n"
           "Usage: idx COMMAND [OPTIONS] [ARGS]\n\nCommands:\n";
    for (const Command& c : kCommands) {
        out << "  " << c.name << std::string(10 - c.name.size(), ' ') << c.summary << "\n";
    }
    out << "\nRun `idx COMMAND --help` for a command's options.\n"
           "The database is --db DIR, else $IDX_DB, else db: in idx.yaml, else $XDG_DATA_HOME/idx/db.\n\n"
        << exit_status_help("");
}

int fail(ExitCode code, const std::string& message) {
    std::cerr << "idx: error: " << terminal_safe(message) << "\n";
    return static_cast<int>(code);
}

// Runs one subcommand: every way it can end becomes a sentence and a
// documented exit code (idx --help, README). Messages carry the reason the
// library gave (Xapian's own description, errno's text), shown terminal-safe.
int run_command(const Command& c, CommandRun run, int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const Error& e) {
        return fail(e.code(), e.what());
    } catch (const cxxopts::exceptions::exception& e) {
        std::cerr << "idx " << c.name << ": " << terminal_safe(e.what()) << " (see idx " << c.name << " --help)\n";
        return static_cast<int>(ExitCode::usage);
    } catch (const Xapian::DatabaseError& e) {
        return fail(ExitCode::io, "the database could not be used: " + e.get_description());
    } catch (const Xapian::QueryParserError& e) {
        return fail(ExitCode::usage, e.get_description());
    } catch (const Xapian::WildcardError& e) {  // a query that expands too far
        return fail(ExitCode::usage, e.get_description());
    } catch (const Xapian::InvalidArgumentError& e) {
        return fail(ExitCode::usage, e.get_description());
    } catch (const Xapian::Error& e) {
        // Past the query parser, what Xapian throws is about reading the data.
        return fail(ExitCode::io, "the database could not be used: " + e.get_description());
    } catch (const std::bad_alloc&) {
        return fail(ExitCode::system,
                    "out of memory (the system refused more); see the memory bound in docs/RELIABILITY.md");
    } catch (const std::system_error& e) {
        if (e.code() == std::errc::resource_unavailable_try_again)
            return fail(ExitCode::system, std::string("the system refused a thread or process: ") + e.what());
        return fail(ExitCode::software, std::string("internal error: ") + e.what() + " (please report it)");
    } catch (const std::exception& e) {
        return fail(ExitCode::software, std::string("internal error: ") + e.what() + " (please report it)");
    } catch (...) {
        return fail(ExitCode::software, "internal error: an unknown exception (please report it)");
    }
}

// A command's output that did not reach stdout is a failure too (disk full,
// closed descriptor), except a reader that went away on purpose (`| head`).
int finish_output(int code) {
    const OutputCheck out = flush_stdout();
    if (out.state != OutputState::failed) return code;
    return fail(ExitCode::io, std::string("cannot write the output: ") + std::strerror(out.error));
}

}  // namespace

int main_entry(int argc, char** argv, CommandRun serve) {
    protect_standard_descriptors();
    // A file-size limit (ulimit -f) must give an error, not kill the run.
    std::signal(SIGXFSZ, SIG_IGN);
    std::signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        print_usage(std::cerr);
        return static_cast<int>(ExitCode::usage);
    }
    const std::string_view name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        print_usage(std::cout);
        return finish_output(0);
    }
    if (name == "--version") {
        std::cout << "idx " << kVersion << " (Xapian " << Xapian::version_string() << ")\n";
        return finish_output(0);
    }
    for (const Command& c : kCommands) {
        if (c.name == name) return finish_output(run_command(c, c.run ? c.run : serve, argc - 1, argv + 1));
    }
    std::cerr << "idx: '" << terminal_safe(name)
              << "' is not a command. Commands: add, search, facets, stats, rm, roots, serve (see idx --help)\n";
    return static_cast<int>(ExitCode::usage);
}

}  // namespace idx::cli
