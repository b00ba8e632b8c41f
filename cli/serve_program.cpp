// `idx serve` in the idx program: replace the process with idx-serve, built
// beside idx. cpp-httplib links OpenSSL and brotli, and loading them cost
// every idx process 9-10 ms at start-up (a whole `idx search` went from about
// 19 to 10 ms without them, hyperfine on whenitson); so only the program that
// serves loads them, as git runs its git-* programs.

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "cli/command.hpp"
#include "common/error.hpp"

namespace idx::cli {
namespace {

constexpr const char* kServeProgram = "idx-serve";

// idx-serve in the folder of the running idx (/proc/self/exe, so a symlink
// to idx or a PATH lookup finds the real folder).
std::filesystem::path serve_program_path() {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) return kServeProgram;
    return self.parent_path() / kServeProgram;
}

}  // namespace

int run_serve_program(int argc, char** argv) {
    const std::string program = serve_program_path().string();
    std::vector<char*> args;
    args.push_back(const_cast<char*>(program.c_str()));
    for (int i = 0; i < argc; ++i) args.push_back(argv[i]);  // argv[0] is "serve"
    args.push_back(nullptr);
    ::execv(program.c_str(), args.data());
    const int error = errno;
    throw Error("idx serve runs the program " + program + ", which could not be started (" + std::strerror(error) +
                    "); it is built beside idx by the same cmake --build",
                ExitCode::system);
}

}  // namespace idx::cli
