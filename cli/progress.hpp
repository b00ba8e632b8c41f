#pragma once
// The progress line of a long run on a terminal: files done / total, rate,
// time left. Redrawn in place at most ten times a second; never used when
// stderr is not a terminal (cron gets no noise).

#include <cstddef>

namespace idx::cli {

class ProgressLine {
public:
    void update(std::size_t done, std::size_t total, double seconds);
    void clear();  // before any other output, and at the end

private:
    double m_last_draw = -1;
    bool m_drawn = false;
};

}  // namespace idx::cli
