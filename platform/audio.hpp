#pragma once
// Short tones for the door: success, already checked in, a problem, please see staff. Generated,
// not loaded, so there is no file to lose; SDL's audio runs them on its own thread.

#include <memory>
#include <string>

#include "platform/result.hpp"

namespace uketsuke::platform {

enum class Tone { Success, AlreadyIn, Problem, SeeStaff };

class Audio {
public:
    // Fails when no audio device can be opened: the kiosk works silently then.
    static Result<std::unique_ptr<Audio>> open(float volume);
    ~Audio();
    Audio(const Audio&) = delete;
    Audio& operator=(const Audio&) = delete;

    void play(Tone tone);
    void set_volume(float volume);  // 0 … 1

private:
    Audio() = default;
    unsigned device_ = 0;
    float volume_ = 0.6f;
};

// The samples of a tone at 48 kHz mono float; exposed for tests.
std::size_t tone_samples(Tone tone, float volume, float* out, std::size_t capacity);

}  // namespace uketsuke::platform
