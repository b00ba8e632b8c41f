#include "cli/progress.hpp"

#include <cstdio>

namespace idx::cli {

void ProgressLine::update(std::size_t done, std::size_t total, double seconds) {
    const bool last = done == total;
    if (!last && seconds - m_last_draw < 0.1) return;
    if (seconds < 0.5 && !m_drawn) return;  // quick runs need no progress
    m_last_draw = seconds;
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    std::fprintf(stderr, "\r\033[K%zu/%zu files  %.0f files/s  %.0f s left", done, total, rate, left);
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressLine::clear() {
    if (!m_drawn) return;
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    m_drawn = false;
}

}  // namespace idx::cli
