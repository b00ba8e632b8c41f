// Dispatch on the first argument (cxxopts has no subcommands) and the single
// place where a run-ending idx::Error becomes `idx: error: ...` and an exit code.

#include <csignal>
#include <cstring>
#include <iostream>

#include <xapian.h>

#include "cli/command.hpp"
#include "cli/options.hpp"
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
};

void print_usage(std::ostream& out) {
    out << "idx: full-text search for blog posts kept as files (Jekyll, WordPress exports)\n\n"
           "Usage: idx COMMAND [OPTIONS] [ARGS]\n\nCommands:\n";
    for (const Command& c : kCommands) {
        out << "  " << c.name << std::string(10 - c.name.size(), ' ') << c.summary << "\n";
    }
    out << "\nRun `idx COMMAND --help` for a command's options.\n"
           "The database is --db DIR, else $IDX_DB, else db: in idx.yaml, else $XDG_DATA_HOME/idx/db.\n\n"
        << kExitStatusHelp;
}

}  // namespace

std::span<const Command> commands() { return kCommands; }

int main_entry(int argc, char** argv) {
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
        return 0;
    }
    if (name == "--version") {
        std::cout << "idx " << kVersion << " (Xapian " << Xapian::version_string() << ")\n";
        return 0;
    }
    for (const Command& c : kCommands) {
        if (c.name != name) continue;
        try {
            return c.run(argc - 1, argv + 1);
        } catch (const Error& e) {
            std::cerr << "idx: error: " << e.what() << "\n";
            return static_cast<int>(e.code());
        } catch (const cxxopts::exceptions::exception& e) {
            std::cerr << "idx " << name << ": " << e.what() << " (see idx " << name << " --help)\n";
            return static_cast<int>(ExitCode::usage);
        } catch (const Xapian::DatabaseError& e) {
            std::cerr << "idx: error: the database could not be used: " << e.get_description() << "\n";
            return static_cast<int>(ExitCode::io);
        } catch (const Xapian::Error& e) {
            std::cerr << "idx: error: " << e.get_description() << "\n";
            return static_cast<int>(ExitCode::usage);
        } catch (const std::bad_alloc&) {
            std::cerr << "idx: error: out of memory\n";
            return static_cast<int>(ExitCode::io);
        }
    }
    std::cerr << "idx: '" << name << "' is not a command. Commands: add, search, facets, stats, rm (see idx --help)\n";
    return static_cast<int>(ExitCode::usage);
}

}  // namespace idx::cli
