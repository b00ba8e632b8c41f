// The long kill-at-any-moment run: N trials (default 100) of KillLoop
// (tests/reliability/kill_trial.hpp) on a copy of a real post folder, one
// line per trial and a tally at the end. Exit status 0 only when every trial
// was clean. Run through tests/stress/kill-loop.

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "tests/reliability/kill_trial.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

int usage() {
    std::cerr << "usage: kill_loop --idx PATH --corpus DIR [--trials N] [--seed S]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::string idx_binary;
    std::string corpus;
    int trials = 100;
    std::uint32_t seed = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        const std::string value = argv[i + 1];
        if (option == "--idx")
            idx_binary = value;
        else if (option == "--corpus")
            corpus = value;
        else if (option == "--trials")
            trials = std::stoi(value);
        else if (option == "--seed")
            seed = static_cast<std::uint32_t>(std::stoul(value));
        else
            return usage();
    }
    if (idx_binary.empty() || corpus.empty() || argc % 2 == 0) return usage();

    using namespace idx::test;
    TempDir work("idx-kill-loop");
    std::filesystem::copy(corpus, work / "posts", std::filesystem::copy_options::recursive);
    KillLoop loop({idx_binary, work / "posts", work.path(), seed});
    std::cout << "kill loop: " << trials << " trials on a copy of " << corpus << ", seed " << seed << std::endl;
    if (const std::string problems = loop.calibrate(); !problems.empty()) {
        std::cout << "calibration failed: " << problems << std::endl;
        return 1;
    }
    int clean = 0;
    int killed_mid_run = 0;
    int by_kind[3] = {0, 0, 0};
    for (int number = 1; number <= trials; ++number) {
        const TrialReport report = loop.trial(number);
        std::cout << report.line() << std::endl;
        clean += report.clean() ? 1 : 0;
        killed_mid_run += report.finished_before_kill ? 0 : 1;
        ++by_kind[static_cast<int>(report.kind)];
    }
    std::cout << "tally: " << clean << "/" << trials << " clean; " << killed_mid_run << " killed mid-run, "
              << trials - killed_mid_run << " after the run had ended; " << by_kind[0] << " fresh builds, "
              << by_kind[1] << " incremental runs, " << by_kind[2] << " full reindexes" << std::endl;
    return clean == trials ? 0 : 1;
}
