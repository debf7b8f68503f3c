/*
 * bcryptprimitives.dll with the one function Rust's standard library needs from it.
 *
 * Why: every Windows binary built by Rust >= 1.78 takes its random numbers from ProcessPrng in
 * bcryptprimitives.dll. Wine 8 (Debian 12's wine64) does not have that function, so without
 * this shim no Rust test binary starts under Wine ("bcryptprimitives.dll ... not found").
 * scripts/windows-suite.sh builds it with mingw-w64 and puts it beside the test executables.
 * Remove it (and its build step) once the suite runs on Wine >= 9, which has ProcessPrng.
 */
#include <windows.h>

/* advapi32's RtlGenRandom, exported under this name. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
