import { RollCallScreen } from '../RollCallScreen';

/** 收件箱/报送情况: the packets received and who has reported (issue 12, screen 3). */
export function InboxScreen() {
  return <RollCallScreen />;
}
