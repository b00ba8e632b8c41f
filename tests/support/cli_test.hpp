#pragma once
// What the CLI tests share: a folder per test, the real idx run in it as a
// user runs it, and the tools to compare its output (tests/support/output.hpp).
// Test programs that include this are compiled with IDX_BINARY.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/output.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::test {

namespace fs = std::filesystem;

// A CLI test's folder: posts/ for post files, db for the index, and home/
// for HOME, so no idx.yaml or database of the machine leaks in.
class CliFolder : public TempDir {
public:
    CliFolder() : TempDir("idx-cli") { fs::create_directories(path() / "home"); }

    fs::path dir() const { return path(); }
    fs::path posts() const { return path() / "posts"; }
    std::string db() const { return (path() / "db").string(); }
    // A command run in this folder, with its home; `argv` as given.
    Command options(std::vector<std::string> argv = {}) const {
        Command c;
        c.argv = std::move(argv);
        c.cwd = path();
        c.home = path() / "home";
        return c;
    }
    // The same, the child's stdin holding `text`.
    Command with_stdin(std::string text) const {
        Command c = options();
        c.stdin_text = std::move(text);
        return c;
    }
    // `argv` run in this folder with its stdin and stdout pipes to drive
    // line by line (Child::write_stdin, Child::read_line).
    Command piped(std::vector<std::string> argv) const {
        Command c = options(std::move(argv));
        c.pipe_stdin = true;
        c.pipe_stdout = true;
        return c;
    }
    // `idx ARGS` run in this folder (or as `how` says, its argv replaced).
    Exit idx(std::vector<std::string> args) const { return idx(std::move(args), options()); }
    Exit idx(std::vector<std::string> args, Command how) const {
        // Built afresh rather than by inserting at the front: g++ 12 -O1 then
        // warns of a null dereference (a false -Wnull-dereference) for no args.
        how.argv = {IDX_BINARY};
        how.argv.insert(how.argv.end(), args.begin(), args.end());
        return run(how);
    }
};

// A test with its own CliFolder.
class CliTest : public ::testing::Test, protected CliFolder {};

}  // namespace idx::test
