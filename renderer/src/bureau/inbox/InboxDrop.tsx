import { FolderOpenOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useRef, useState, type DragEvent } from 'react';
import { chooseFiles, hasFileDialogs, receiveFiles } from '../files';
import { useBureau, useBureauT } from '../store';
import { droppedFiles } from './dropped-files';

const ZONE = { border: '1px dashed #bfbfbf', borderRadius: 8, padding: '18px 16px', textAlign: 'center' as const, transition: 'background .15s' };

/**
 * Where packets come in: dropped files or folders (both desks), the desktop's dialogs for packets or a folder,
 * the preview's file and folder uploads. Every file is handed to the desk first (a handle), then all are previewed.
 */
export function InboxDrop() {
  const t = useBureauT();
  const busy = useBureau((s) => s.inboxBusy);
  const { addInboxFiles } = useBureau.getState();
  const [over, setOver] = useState(false);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const receive = (files: File[]) => void addInboxFiles(() => receiveFiles(files));
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (busy) return;
    // The entries are read now, inside the event; their files afterwards.
    const reading = droppedFiles(e.dataTransfer);
    void addInboxFiles(async () => receiveFiles(await reading));
  };
  const onInput = (input: HTMLInputElement | null) => {
    const files = [...(input?.files ?? [])].filter((f) => !f.name.startsWith('.'));
    if (input) input.value = ''; // the same files again are a new choice
    if (files.length > 0) receive(files);
  };

  // The desktop's dialogs (packets, or a folder of them); the preview's file and folder uploads.
  const buttons = hasFileDialogs()
    ? [
        {
          testId: 'inbox-pick-files',
          icon: <UploadOutlined />,
          label: 'bureauInbox.pickFiles' as const,
          onClick: () => void addInboxFiles(() => chooseFiles('packets')),
        },
        {
          testId: 'inbox-pick-folder',
          icon: <FolderOpenOutlined />,
          label: 'bureauInbox.pickFolder' as const,
          onClick: () => void addInboxFiles(() => chooseFiles('packetFolder')),
        },
      ]
    : [
        { testId: 'inbox-upload', icon: <UploadOutlined />, label: 'bureauInbox.upload' as const, onClick: () => filesInput.current?.click() },
        { testId: 'inbox-upload-folder', icon: <FolderOpenOutlined />, label: 'bureauInbox.pickFolder' as const, onClick: () => folderInput.current?.click() },
      ];
  return (
    <div
      data-testid="inbox-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{ ...ZONE, background: over ? '#e6f4ff' : '#fafafa' }}
    >
      <Space orientation="vertical" size={8}>
        <Typography.Text>
          <InboxOutlined style={{ fontSize: 22, color: '#1677ff', marginRight: 8, verticalAlign: 'middle' }} />
          {t('bureauInbox.drop')}
        </Typography.Text>
        <Space wrap style={{ justifyContent: 'center' }}>
          {buttons.map((b) => (
            <Button key={b.testId} icon={b.icon} disabled={!!busy} onClick={b.onClick} data-testid={b.testId}>
              {t(b.label)}
            </Button>
          ))}
        </Space>
      </Space>
      <input ref={filesInput} type="file" multiple hidden data-testid="inbox-file-input" onChange={(e) => onInput(e.currentTarget)} />
      <input
        ref={folderInput}
        type="file"
        multiple
        hidden
        data-testid="inbox-folder-input"
        onChange={(e) => onInput(e.currentTarget)}
        {...({ webkitdirectory: '' } as Record<string, string>)}
      />
    </div>
  );
}
