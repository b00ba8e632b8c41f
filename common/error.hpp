#pragma once
// The one exception type that ends a run. It is thrown by library code where
// nothing sensible can go on (bad configuration, database locked or broken),
// caught once in cli/dispatch.cpp and turned into "idx: error: ..." and an exit code.
// A bad post never throws: it is reported and the run goes on.

#include <stdexcept>
#include <string>

namespace idx {

// Exit codes, documented in `idx --help` and the README.
enum class ExitCode : int {
    ok = 0,         // all good (search: something matched)
    partial = 1,    // add: some files could not be indexed; search: nothing matched
    usage = 2,      // usage, configuration or query error
    software = 70,  // a bug in idx: an exception nothing expected (EX_SOFTWARE)
    system = 71,    // the system refused memory, a thread or a process (EX_OSERR)
    io = 74,        // the database could not be read or written (disk full, corrupt), or the output (EX_IOERR)
    locked = 75,    // database locked by another writer (EX_TEMPFAIL)
};

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, ExitCode code = ExitCode::usage)
        : std::runtime_error(message), m_code(code) {}
    ExitCode code() const noexcept { return m_code; }

private:
    ExitCode m_code;
};

}  // namespace idx
