// `sisctl vm start|stop|reset|pause|cont|status|events|snapshot`: a VM left running in the
// background, found again by name through its runtime directory, driven over QMP.
#pragma once

namespace sisctl {

int vm_main(int argc, char** argv);

}  // namespace sisctl
