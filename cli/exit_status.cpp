#include "cli/exit_status.hpp"

#include <array>
#include <vector>

#include "common/error.hpp"

namespace idx::cli {
namespace {

struct ExitStatusRow {
    ExitCode code;
    std::string_view commands;  // space-separated: the commands that can end with it
    std::string_view meaning;
};

constexpr std::array kRows = {
    ExitStatusRow{ExitCode::ok, "add rm roots stats", "success"},
    ExitStatusRow{ExitCode::ok, "search facets",
                  "something matched (with --allow-partial, maybe from part of a set: stderr, or the JSON's\n"
                  "missing_shards, names the databases that did not answer)"},
    ExitStatusRow{ExitCode::ok, "serve", "stopped by SIGTERM or SIGINT, after the requests under way"},
    ExitStatusRow{ExitCode::partial, "add",
                  "files failed that no earlier run reported (named on stderr); the rest were indexed.\n"
                  "A failure is reported once per change to its file: `idx stats` lists what fails now"},
    ExitStatusRow{ExitCode::partial, "rm roots",
                  "a path is not in the index (named on stderr), or there is no index (none is created)"},
    ExitStatusRow{ExitCode::partial, "search facets", "nothing matched"},
    ExitStatusRow{ExitCode::usage, "add rm roots stats", "usage or configuration error"},
    ExitStatusRow{ExitCode::usage, "search facets", "usage error, or a query idx cannot read or past a limit"},
    ExitStatusRow{ExitCode::usage, "serve", "usage or configuration error, or the address cannot be listened on"},
    ExitStatusRow{ExitCode::software, "add rm roots stats search facets serve",
                  "internal error in idx (a bug: please report the message)"},
    ExitStatusRow{ExitCode::system, "add rm roots stats search facets", "the system refused memory or a thread"},
    ExitStatusRow{ExitCode::system, "serve",
                  "the system refused memory or a thread, or idx-serve (built beside idx) could not be started"},
    ExitStatusRow{ExitCode::io, "add rm roots",
                  "the database could not be read or written (disk full, damaged, permissions), or the output"},
    ExitStatusRow{ExitCode::io, "stats",
                  "the database could not be read, or the output written; or a database of a set could not be\n"
                  "reached (named on stderr)"},
    ExitStatusRow{ExitCode::io, "search facets serve",
                  "the database could not be read, or the output written; or a database of a set could not be\n"
                  "reached, at the start or mid-search (named on stderr; --allow-partial answers without it)"},
    ExitStatusRow{ExitCode::locked, "add rm roots",
                  "the database is locked by another idx add, or one shard of it, named (retry, or use --wait)"},
};

bool lists(std::string_view commands, std::string_view command) {
    std::size_t start = 0;
    while (start < commands.size()) {
        const std::size_t end = std::min(commands.find(' ', start), commands.size());
        if (commands.substr(start, end - start) == command) return true;
        start = end + 1;
    }
    return false;
}

// "  74  " (or, for a further meaning of the same code, as many spaces) then
// the meaning, its continuation lines indented to match.
std::string row_line(int code, bool numbered, std::string_view meaning) {
    const std::string number = std::to_string(code);
    std::string out = numbered ? "  " + number + std::string(4 - number.size(), ' ') : std::string(6, ' ');
    for (const char c : meaning) {
        out += c;
        if (c == '\n') out += std::string(6, ' ');
    }
    return out + "\n";
}

std::string commas(std::string_view commands) {
    std::string out;
    for (const char c : commands) out += c == ' ' ? std::string(", ") : std::string(1, c);
    return out;
}

}  // namespace

std::string exit_status_help(std::string_view command) {
    std::string out = "Exit status:\n";
    for (std::size_t i = 0; i < kRows.size(); ++i) {
        const ExitStatusRow& row = kRows[i];
        const int code = static_cast<int>(row.code);
        const bool first_of_code = i == 0 || kRows[i - 1].code != row.code;
        if (!command.empty()) {
            if (lists(row.commands, command)) out += row_line(code, true, row.meaning);
            continue;
        }
        const bool only_of_code = first_of_code && (i + 1 == kRows.size() || kRows[i + 1].code != row.code);
        const std::string meaning =
            only_of_code ? std::string(row.meaning) : commas(row.commands) + ": " + std::string(row.meaning);
        out += row_line(code, first_of_code, meaning);
    }
    return out;
}

}  // namespace idx::cli
