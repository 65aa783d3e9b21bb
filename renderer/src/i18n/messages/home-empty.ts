import { defineMessages } from './define';

/** The home screen of a store with no projects yet: the way to the first assignment. */
export const homeEmptyMessages = defineMessages(
  {
    'home.emptyStore.title': '还没有项目',
    'home.emptyStore.text': '项目来自局里发来的分配文件。先在“文件交换”导入局里的公钥，再导入分配文件。',
    'home.emptyStore.go': '去文件交换',
  },
  {
    'home.emptyStore.title': 'No projects yet',
    'home.emptyStore.text': "Projects come from the bureau's assignment file. In File exchange, import the bureau's key first, then the assignment file.",
    'home.emptyStore.go': 'Go to File exchange',
  },
);
