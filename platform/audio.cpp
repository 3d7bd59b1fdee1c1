#include "platform/audio.hpp"

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace uketsuke::platform {
namespace {

constexpr int kRate = 48000;

struct Note {
    float hertz;
    float seconds;
};

// Rising for welcome, one soft note for "you are already in", low and doubled for problems:
// different enough to tell apart without looking.
std::vector<Note> notes_of(Tone tone) {
    switch (tone) {
        case Tone::Success:
            return {{880.0f, 0.10f}, {1318.5f, 0.18f}};
        case Tone::AlreadyIn:
            return {{1046.5f, 0.16f}};
        case Tone::Problem:
            return {{220.0f, 0.16f}, {0.0f, 0.06f}, {220.0f, 0.22f}};
        case Tone::SeeStaff:
            // A welcome's rise, then a third call that stays up: not a problem, but staff
            // should look.
            return {{880.0f, 0.10f},  {1318.5f, 0.12f}, {0.0f, 0.08f},
                    {1318.5f, 0.10f}, {0.0f, 0.05f},    {1318.5f, 0.18f}};
    }
    return {};
}

}  // namespace

std::size_t tone_samples(Tone tone, float volume, float* out, std::size_t capacity) {
    std::size_t written = 0;
    for (const Note& note : notes_of(tone)) {
        const auto count = static_cast<std::size_t>(note.seconds * kRate);
        for (std::size_t i = 0; i < count && written < capacity; ++i, ++written) {
            const float t = static_cast<float>(i) / kRate;
            // 5 ms fades: no clicks at the edges.
            const float edge = std::min({1.0f, t / 0.005f, (note.seconds - t) / 0.005f});
            out[written] = note.hertz == 0.0f ? 0.0f
                                              : volume * edge * 0.5f *
                                                    std::sin(2.0f * 3.14159265f * note.hertz * t);
        }
    }
    return written;
}

Result<std::unique_ptr<Audio>> Audio::open(float volume) {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        return Failure{std::string("no audio: ") + SDL_GetError()};
    }
    SDL_AudioSpec want{};
    want.freq = kRate;
    want.format = AUDIO_F32SYS;
    want.channels = 1;
    want.samples = 1024;
    std::unique_ptr<Audio> audio(new Audio());
    audio->device_ = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);
    if (audio->device_ == 0) {
        return Failure{std::string("no audio device: ") + SDL_GetError()};
    }
    audio->volume_ = std::clamp(volume, 0.0f, 1.0f);
    SDL_PauseAudioDevice(audio->device_, 0);
    return audio;
}

Audio::~Audio() {
    if (device_ != 0) SDL_CloseAudioDevice(device_);
}

void Audio::set_volume(float volume) { volume_ = std::clamp(volume, 0.0f, 1.0f); }

void Audio::play(Tone tone) {
    if (device_ == 0 || volume_ <= 0.0f) return;
    std::vector<float> samples(kRate);
    samples.resize(tone_samples(tone, volume_, samples.data(), samples.size()));
    SDL_ClearQueuedAudio(device_);  // the newest result is the one to hear
    SDL_QueueAudio(device_, samples.data(), static_cast<Uint32>(samples.size() * sizeof(float)));
}

}  // namespace uketsuke::platform
