"""Task risk assessment as Taiwan OSHA practises it (危害辨識及風險評估) (issue: task risk)."""
